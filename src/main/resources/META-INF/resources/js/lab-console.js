// The lab page's terminal (xterm.js): connects to /api/sessions/{id}/console once the sandbox is
// READY. An embedded sandbox has a restricted kubectl console, so lines are edited here and sent
// whole; a kind sandbox has a real shell, so keystrokes go straight through. Protocol: see
// docs/sandbox.md, "The terminal". Every text comes from data-msg-* on #console.
(function () {
  const root = document.getElementById('console');
  if (!root || !window.Terminal || !window.FitAddon) {
    return;
  }
  const msg = MeshDojo.messages(root);
  const status = document.getElementById('console-status');
  const host = document.getElementById('console-terminal');
  const stop = document.getElementById('console-stop');
  const PROMPT = '$ ';
  const CONTINUATION = '> ';
  const HISTORY_LIMIT = 100;
  const STDIN = /(^|\s)(-f\s*-|--filename(=|\s+)-)(\s|$)/;

  let term = null;
  let fit = null;
  let socket = null;
  let session = null; // the last meshdojo:session detail
  let mode = null; // 'restricted' or 'shell' once the server said hello
  let line = '';
  let continued = ''; // earlier lines of a command whose lines ended with a backslash
  let pending = ''; // pasted text after a line that is still running
  let busy = false;
  let history = [];
  let historyIndex = 0;
  let retries = 0;
  let retryTimer = null;
  let escaped = false; // Escape then Tab leaves the shell, where Tab completes

  function visible() {
    return host.offsetWidth > 0 && host.offsetHeight > 0;
  }

  // xterm measures its font when it opens, so it opens once its panel is shown (what it was sent
  // before waits in its buffer); fitting a hidden terminal would size it to nothing.
  function showWhenVisible() {
    if (!term || !visible()) {
      return;
    }
    if (!term.element) {
      term.open(host);
      term.textarea.setAttribute('aria-label', msg('label'));
      term.textarea.setAttribute('aria-describedby', 'console-instructions');
    }
    fit.fit();
  }

  function setStatus(text) {
    status.textContent = text;
  }

  function ensureTerminal() {
    if (term) {
      return;
    }
    // The DOM renderer keeps the text in the page (selectable, zoomable) rather than on a canvas.
    term = new window.Terminal({
      convertEol: true, cursorBlink: true, screenReaderMode: true, rendererType: 'dom', rows: 20, fontSize: 14,
    });
    fit = new window.FitAddon.FitAddon();
    term.loadAddon(fit);
    term.attachCustomKeyEventHandler(keys);
    term.onData(typed);
    term.onResize((size) => {
      if (mode === 'shell') {
        send({ type: 'resize', cols: size.cols, rows: size.rows });
      }
    });
    window.addEventListener('resize', showWhenVisible);
    if (window.ResizeObserver) {
      new ResizeObserver(showWhenVisible).observe(host);
    }
    showWhenVisible();
  }

  // Tab moves the focus on, as everywhere on the page; in the shell only after Escape.
  function keys(event) {
    if (event.type !== 'keydown') {
      return true;
    }
    if (event.key === 'Tab') {
      const leave = mode !== 'shell' || escaped;
      escaped = false;
      return !leave;
    }
    escaped = event.key === 'Escape';
    return true;
  }

  function send(message) {
    if (socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify(message));
    }
  }

  function prompt() {
    term.write(PROMPT);
  }

  function replaceLine(text) {
    line = text;
    term.write('\r\x1b[K' + (continued ? CONTINUATION : PROMPT) + line);
  }

  function typed(data) {
    if (mode === 'shell') {
      send({ type: 'input', data: data });
      return;
    }
    if (mode !== 'restricted') {
      return;
    }
    let i = 0;
    while (i < data.length) {
      if (busy) {
        const stop = data.indexOf('\x03', i);
        if (stop < 0) {
          pending += data.slice(i);
          return;
        }
        interrupt();
        i = stop + 1;
        continue;
      }
      if (data.startsWith('\x1b[A', i) || data.startsWith('\x1b[B', i)) {
        const up = data[i + 2] === 'A';
        historyIndex = Math.max(0, Math.min(history.length, historyIndex + (up ? -1 : 1)));
        replaceLine(history[historyIndex] || '');
        i += 3;
        continue;
      }
      const c = data[i];
      i++;
      if (c === '\x1b') {
        // Other escape sequences (arrows left/right, function keys) are not line editing here.
        const end = data.slice(i).search(/[A-Za-z~]/);
        i = end < 0 ? data.length : i + end + 1;
      } else if (c === '\r' || c === '\n') {
        submit();
      } else if (c === '\x7f' || c === '\b') {
        if (line.length > 0) {
          line = line.slice(0, -1);
          term.write('\b \b');
        }
      } else if (c === '\x03') {
        term.write('^C\r\n');
        line = '';
        continued = '';
        prompt();
      } else if (c === '\x0c') {
        term.clear();
      } else if (c >= ' ') {
        line += c;
        term.write(c);
      }
    }
  }

  // Ctrl-C (or the Stop button) stops a command that goes on printing (logs -f, get -w); text
  // typed ahead of it is dropped, as a shell drops it.
  function interrupt() {
    pending = '';
    term.write('^C\r\n');
    send({ type: 'interrupt' });
  }

  function setBusy(value) {
    busy = value;
    if (stop) {
      stop.hidden = !(busy && mode === 'restricted');
    }
  }

  function submit() {
    term.write('\r\n');
    // A backslash at the end continues the command on the next line, as in a shell, so the labs'
    // multi-line blocks can be typed or pasted as they are written.
    const trailing = line.match(/\\+$/);
    if (trailing && trailing[0].length % 2 === 1) {
      continued += line.slice(0, -1);
      line = '';
      term.write(CONTINUATION);
      return;
    }
    const text = (continued + line).trim();
    continued = '';
    line = '';
    if (!text) {
      prompt();
      return;
    }
    if (history[history.length - 1] !== text) {
      history.push(text);
      history = history.slice(-HISTORY_LIMIT);
    }
    historyIndex = history.length;
    setBusy(true);
    if (!STDIN.test(text)) {
      send({ type: 'command', line: text });
      return;
    }
    // -f - reads the editor's text, which the editor hands over when asked.
    let answered = false;
    document.dispatchEvent(new CustomEvent('meshdojo:editor-text-request', {
      detail: { reply: (editorText) => {
        if (!answered) {
          answered = true;
          send({ type: 'command', line: text, stdin: editorText });
        }
      } },
    }));
    Promise.resolve().then(() => {
      if (!answered) {
        answered = true;
        term.write(msg('no-editor') + '\r\n');
        finished();
      }
    });
  }

  function finished() {
    setBusy(false);
    prompt();
    if (pending) {
      const rest = pending;
      pending = '';
      typed(rest);
    }
  }

  function received(event) {
    if (typeof event.data !== 'string') {
      term.write(new Uint8Array(event.data));
      return;
    }
    const message = JSON.parse(event.data);
    if (message.type === 'hello') {
      retries = 0;
      mode = message.mode;
      setStatus(msg(mode === 'shell' ? 'shell' : 'restricted'));
      term.write('\r\n' + message.text + '\r\n');
      if (mode === 'shell') {
        showWhenVisible();
        send({ type: 'resize', cols: term.cols, rows: term.rows });
      } else {
        setBusy(false);
        line = '';
        continued = '';
        prompt();
      }
    } else if (message.type === 'output') {
      term.write(message.text);
    } else if (message.type === 'edit') {
      // kubectl edit: the object goes to the editor tab, where Apply saves it.
      document.dispatchEvent(new CustomEvent('meshdojo:editor-load', { detail: { text: message.text } }));
    } else if (message.type === 'clear') {
      term.clear();
    } else if (message.type === 'exit') {
      finished();
    } else if (message.type === 'error') {
      term.write(message.text + '\r\n');
      if (busy) {
        finished();
      }
    }
  }

  function usable(detail) {
    return detail && detail.id && detail.status === 'READY';
  }

  function connect() {
    clearTimeout(retryTimer);
    if (!usable(session)) {
      return;
    }
    ensureTerminal();
    setStatus(msg('connecting'));
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = scheme + '//' + location.host + '/api/sessions/' + encodeURIComponent(session.id) +
      '/console?lang=' + encodeURIComponent(session.lang || 'en');
    const ws = new WebSocket(url);
    ws.binaryType = 'arraybuffer';
    ws.onmessage = received;
    ws.onclose = (event) => closed(ws, event);
    socket = ws;
  }

  function closed(ws, event) {
    if (socket !== ws) {
      return; // a connection we replaced or closed on purpose
    }
    socket = null;
    mode = null;
    setBusy(false);
    if (!usable(session)) {
      setStatus(msg('over'));
      return;
    }
    if (event.code >= 4000 && event.code < 5000) {
      // The server said why (not the owner, not ready, no shell): trying again will not help.
      setStatus(msg('closed') + ' ' + event.reason);
      return;
    }
    // Lost on the way (network, restart): try again, waiting longer each time, at most 30 s.
    const seconds = Math.min(30, Math.pow(2, retries));
    retries++;
    setStatus(msg('retry').replace('SECONDS', seconds));
    retryTimer = setTimeout(connect, seconds * 1000);
  }

  function disconnect() {
    clearTimeout(retryTimer);
    if (socket) {
      const ws = socket;
      socket = null;
      ws.close();
    }
    mode = null;
  }

  // The connection opens the first time the terminal is looked at: on kind it holds a shell in the
  // toolbox pod, which a learner who never opens the tab should not cost.
  let waitingForTab = false;

  function connectWhenShown() {
    const panel = document.getElementById('panel-console');
    waitingForTab = Boolean(panel && panel.hidden);
    if (!waitingForTab) {
      connect();
    }
  }

  if (stop) {
    stop.addEventListener('click', () => {
      if (busy) {
        interrupt();
      }
      if (term) {
        term.focus();
      }
    });
  }

  document.addEventListener('meshdojo:tab-shown', (event) => {
    if (event.detail.panel === 'panel-console' && waitingForTab && !socket) {
      waitingForTab = false;
      connect();
    }
  });

  document.addEventListener('meshdojo:session', (event) => {
    const next = event.detail;
    const sameSession = session && next && session.id === next.id;
    session = next;
    if (!usable(next)) {
      disconnect();
      setStatus(next && next.id && next.status !== 'PROVISIONING' ? msg('over') : msg('waiting'));
      return;
    }
    if (!sameSession || !socket) {
      disconnect();
      retries = 0;
      connectWhenShown();
    }
  });
})();
