// The YAML editor: CodeMirror over a plain textarea, applying or deleting every document in the
// learner's sandbox and pinning each refusal to the line it concerns. The draft is kept per lab in
// localStorage, so a reload or a language switch does not lose it.
(function () {
  const root = document.getElementById('editor');
  const area = document.getElementById('editor-text');
  if (!root || !area || typeof CodeMirror === 'undefined') {
    return;
  }
  const msg = MeshDojo.messages(root);
  const $ = (id) => document.getElementById(id);
  const report = $('editor-report');
  const storageKey = root.dataset.storageKey;
  let session = null;
  let marks = [];

  area.value = localStorage.getItem(storageKey) || msg('starter') + '\n';
  const editor = CodeMirror.fromTextArea(area, {
    mode: 'yaml',
    lineNumbers: true,
    indentUnit: 2,
    tabSize: 2,
    viewportMargin: Infinity,
    screenReaderLabel: area.labels.length ? area.labels[0].textContent : '',
    extraKeys: {
      // YAML has no tabs: Tab indents with spaces, and Esc hands the keyboard back to the page.
      Tab: (cm) => (cm.somethingSelected() ? cm.indentSelection('add') : cm.replaceSelection('  ', 'end')),
      'Shift-Tab': (cm) => cm.indentSelection('subtract'),
      'Ctrl-Enter': () => send('apply'),
      'Cmd-Enter': () => send('apply'),
      Esc: () => $('editor-apply').focus(),
    },
  });
  editor.getInputField().setAttribute('aria-describedby', 'editor-help');
  editor.on('change', () => {
    localStorage.setItem(storageKey, editor.getValue());
    clearMarks();
  });

  function clearMarks() {
    for (const mark of marks) {
      mark.clear();
    }
    marks = [];
  }

  // A refusal is shown under its line, and the line is tinted.
  function markLine(line, text) {
    const index = Math.max(0, Math.min(editor.lineCount() - 1, line - 1));
    const note = document.createElement('div');
    note.className = 'editor-error';
    note.textContent = text;
    const widget = editor.addLineWidget(index, note, { coverGutter: false });
    const handle = editor.addLineClass(index, 'background', 'editor-error-line');
    marks.push(widget, { clear: () => editor.removeLineClass(handle, 'background', 'editor-error-line') });
  }

  function jumpTo(line) {
    editor.focus();
    editor.setCursor({ line: line - 1, ch: 0 });
    editor.scrollIntoView(null, 80);
  }

  function entry(text, kind, line) {
    const item = document.createElement('li');
    item.className = kind;
    if (line) {
      const go = document.createElement('button');
      go.type = 'button';
      go.className = 'link-button';
      go.textContent = msg('line').replace('LINE', line);
      go.addEventListener('click', () => jumpTo(line));
      item.append(go, ' ');
    }
    item.append(text);
    report.appendChild(item);
  }

  async function send(verb) {
    if (!session) {
      return;
    }
    if (verb === 'delete' && !window.confirm(msg('confirm-delete'))) {
      return;
    }
    const buttons = [$('editor-apply'), $('editor-delete')];
    buttons.forEach((b) => (b.disabled = true));
    clearMarks();
    report.replaceChildren();
    entry(msg('working'), 'pending');
    try {
      const response = await fetch('/api/sessions/' + session + '/' + verb, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'text/plain', Accept: 'application/json' },
        body: editor.getValue(),
      });
      const body = await response.json().catch(() => ({ error: response.status + ' ' + response.statusText }));
      report.replaceChildren();
      if (!response.ok) {
        entry(body.error, 'failed', body.line || null);
        if (body.line) {
          markLine(body.line, body.error);
        }
        return;
      }
      for (const document_ of body.documents) {
        for (const warning of document_.warnings || []) {
          entry(msg('warning') + ' ' + warning, 'warning', document_.line);
        }
        if (document_.error) {
          entry(document_.error, 'failed', document_.errorLine);
          markLine(document_.errorLine, document_.error);
        } else {
          entry(document_.kubectlLine, 'passed');
        }
      }
      document.dispatchEvent(new CustomEvent('meshdojo:sandbox-changed'));
    } catch (error) {
      report.replaceChildren();
      entry(error.message, 'failed');
    } finally {
      buttons.forEach((b) => (b.disabled = !session));
    }
  }

  $('editor-apply').addEventListener('click', () => send('apply'));
  $('editor-delete').addEventListener('click', () => send('delete'));
  $('editor-clear').addEventListener('click', () => {
    editor.setValue('');
    report.replaceChildren();
    editor.focus();
  });

  document.addEventListener('meshdojo:session', (event) => {
    session = event.detail.status === 'READY' ? event.detail.id : null;
    [$('editor-apply'), $('editor-delete')].forEach((b) => (b.disabled = !session));
    if (session) {
      // CodeMirror measures itself; it was hidden until the workspace appeared.
      setTimeout(() => editor.refresh(), 0);
    }
  });
  document.addEventListener('meshdojo:tab-shown', (event) => {
    if (event.detail.panel === 'panel-editor') {
      setTimeout(() => editor.refresh(), 0);
    }
  });
  // Other parts of the page hand YAML to the editor, or ask for its text (the terminal's apply -f -).
  document.addEventListener('meshdojo:editor-load', (event) => {
    editor.setValue(event.detail.text);
    document.getElementById('tab-editor').click();
    editor.focus();
  });
  document.addEventListener('meshdojo:editor-text-request', (event) => event.detail.reply(editor.getValue()));
})();
