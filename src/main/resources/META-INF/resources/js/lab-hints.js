// Hints one at a time, and the reference solution behind a confirmation dialog. Both are recorded
// by the server, so what was revealed is shown again after a reload.
// Every text comes from data-msg-* on #hints, so both languages stay in the message bundles.
(function () {
  const box = document.getElementById('hints');
  const next = document.getElementById('hint-next');
  if (!box || !next) {
    return; // signed out: the box only invites to sign in
  }
  const lab = encodeURIComponent(box.dataset.lab);
  const lang = box.dataset.lang;
  const msg = MeshDojo.messages(box);
  const $ = (id) => document.getElementById(id);
  const list = $('hints-list');
  const status = $('hints-status');
  const reveal = $('solution-reveal');
  const dialog = $('solution-confirm');
  const solution = $('solution');
  let solutionRevealed = false;

  const api = MeshDojo.json;

  function showError(error) {
    status.textContent = msg('error') + ' ' + error.message;
  }

  // Hints mark code with backticks, as the lab.yaml Markdown does; shown as <code>, never as HTML.
  function withCode(text) {
    return text.split('`').map((part, i) => {
      if (i % 2 === 0) {
        return document.createTextNode(part);
      }
      const code = document.createElement('code');
      code.textContent = part;
      return code;
    });
  }

  function render(hints) {
    list.replaceChildren(
      ...hints.revealed.map((hint) => {
        const item = document.createElement('li');
        item.id = 'hint-' + hint.number;
        item.tabIndex = -1;
        const label = document.createElement('strong');
        label.textContent = msg('hint').replace('NUMBER', hint.number) + ': ';
        item.append(label, ...withCode(hint.text));
        return item;
      }),
    );
    next.hidden = hints.remaining === 0;
    if (hints.total === 0) {
      status.textContent = msg('none');
    } else if (hints.remaining === 0) {
      status.textContent = msg('all-shown');
    } else {
      status.textContent = '';
      next.textContent = msg('show')
        .replace('NUMBER', hints.total - hints.remaining + 1)
        .replace('TOTAL', hints.total);
    }
    if (hints.solutionRevealed) {
      solutionRevealed = true;
      reveal.textContent = msg('show-again');
    }
  }

  function copyButton(file) {
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button secondary small';
    button.textContent = msg('copy');
    button.setAttribute('aria-label', msg('copy-label').replace('FILE', file.name));
    button.addEventListener('click', () =>
      navigator.clipboard.writeText(file.yaml).then(() => (button.textContent = msg('copied')), showError),
    );
    return button;
  }

  function showSolution(answer) {
    solution.replaceChildren(
      ...answer.files.map((file) => {
        const figure = document.createElement('figure');
        figure.className = 'solution-file';
        const caption = document.createElement('figcaption');
        const name = document.createElement('code');
        name.textContent = file.name;
        caption.append(name);
        if (navigator.clipboard) {
          caption.append(' ', copyButton(file));
        }
        const pre = document.createElement('pre');
        const code = document.createElement('code');
        code.className = 'language-yaml';
        code.textContent = file.yaml;
        pre.append(code);
        figure.append(caption, pre);
        if (window.hljs) {
          window.hljs.highlightElement(code);
        }
        return figure;
      }),
    );
    solution.hidden = false;
    solutionRevealed = true;
    reveal.textContent = msg('show-again');
    solution.tabIndex = -1;
    solution.focus();
  }

  function fetchSolution() {
    api('POST', '/api/labs/' + lab + '/solution?lang=' + lang, { confirm: true }).then(showSolution).catch(showError);
  }

  next.addEventListener('click', () => {
    next.disabled = true;
    api('POST', '/api/labs/' + lab + '/hints/next?lang=' + lang)
      .then((hints) => {
        render(hints);
        const newest = list.lastElementChild;
        if (next.hidden && newest) {
          newest.focus(); // the button is gone: keep the keyboard user next to what they asked for
        }
      })
      .catch(showError)
      .finally(() => (next.disabled = false));
  });

  // The first reveal is confirmed in a modal dialog (Esc or "Not now" cancels); once recorded,
  // showing it again needs no second confirmation.
  reveal.addEventListener('click', () => {
    if (solutionRevealed) {
      fetchSolution();
    } else {
      dialog.returnValue = '';
      dialog.showModal();
    }
  });
  dialog.addEventListener('close', () => {
    if (dialog.returnValue === 'confirm') {
      fetchSolution();
    } else {
      reveal.focus();
    }
  });

  api('GET', '/api/labs/' + lab + '/hints?lang=' + lang).then(render).catch(showError);
})();
