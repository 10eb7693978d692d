// The live board: learners x labs, drawn from GET /board and kept current by its server-sent
// events (one per change; no polling). A cell is a button: it opens that learner's actions.
(function () {
  const root = document.getElementById('board');
  if (!root) return;
  const msg = root.dataset;
  const id = root.dataset.workshop;
  const api = '/api/workshops/' + id;
  const labs = [...document.querySelectorAll('#board-grid thead th[data-lab]')].map((th) => th.dataset.lab);
  const rows = document.getElementById('board-rows');
  const connection = document.getElementById('board-connection');
  const learners = new Map();

  function words(cell) {
    const status = { 'not-started': msg.msgNotStarted, working: msg.msgWorking, passed: msg.msgPassed }[cell.status];
    const parts = [status];
    if (cell.checks > 0) {
      parts.push(msg.msgScore.replace('SCORE', cell.score).replace('MAX', cell.maxScore).replace('CHECKS', cell.checks));
    }
    if (cell.hintsUsed > 0) parts.push(msg.msgHints.replace('COUNT', cell.hintsUsed));
    if (cell.solutionRevealed) parts.push(msg.msgSolution);
    return parts;
  }

  function stuckWords(cell) {
    if (!cell.stuck) return '';
    if (cell.stuckReason === 'no-progress') {
      return msg.msgStuck + ': ' + msg.msgNoProgress.replace('MINUTES', msg.stuckMinutes);
    }
    const objective = (cell.stuckReason || '').replace(/^failing:/, '');
    return msg.msgStuck + ': ' + msg.msgFailing.replace('OBJECTIVE', objective).replace('COUNT', msg.stuckFailures);
  }

  function passedCount(learner) {
    return learner.labs.filter((c) => c.status === 'passed').length;
  }

  function anyStuck(learner) {
    return learner.labs.some((c) => c.stuck);
  }

  function sorted() {
    const all = [...learners.values()];
    const by = document.getElementById('board-sort').value;
    const name = (a, b) => a.username.localeCompare(b.username);
    const order = {
      name: name,
      progress: (a, b) => passedCount(b) - passedCount(a) || name(a, b),
      stuck: (a, b) => Number(anyStuck(b)) - Number(anyStuck(a)) || name(a, b),
      activity: (a, b) => String(b.lastActivityAt).localeCompare(String(a.lastActivityAt)) || name(a, b),
    }[by];
    return all.sort(order);
  }

  function render() {
    const filter = document.getElementById('board-filter').value.trim().toLowerCase();
    const stuckOnly = document.getElementById('board-stuck-only').checked;
    rows.replaceChildren();
    for (const learner of sorted()) {
      if (filter && !learner.username.includes(filter)) continue;
      if (stuckOnly && !anyStuck(learner)) continue;
      const tr = document.createElement('tr');
      tr.dataset.learner = learner.username;
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = learner.username;
      tr.append(th);
      for (const lab of labs) {
        const cell = learner.labs.find((c) => c.lab === lab);
        const td = document.createElement('td');
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'board-cell board-' + cell.status + (cell.stuck ? ' stuck' : '');
        button.dataset.lab = lab;
        button.dataset.status = cell.status;
        button.dataset.stuck = String(cell.stuck);
        for (const part of words(cell)) {
          const line = document.createElement('span');
          line.textContent = part;
          button.append(line);
        }
        const stuck = stuckWords(cell);
        if (stuck) {
          const line = document.createElement('strong');
          line.className = 'stuck-reason';
          line.textContent = stuck;
          button.append(line);
        }
        button.addEventListener('click', () => openActions(learner.username, lab));
        td.append(button);
        tr.append(td);
      }
      rows.append(tr);
    }
    if (learners.size === 0) {
      const tr = document.createElement('tr');
      const td = document.createElement('td');
      td.colSpan = labs.length + 1;
      td.textContent = msg.msgNone;
      tr.append(td);
      rows.append(tr);
    }
    for (const lab of labs) {
      const passed = [...learners.values()].filter((l) => l.labs.some((c) => c.lab === lab && c.status === 'passed')).length;
      document.getElementById('count-' + lab).textContent =
        msg.msgCount.replace('PASSED', passed).replace('TOTAL', learners.size);
    }
  }

  // The warm pool's line: the clusters kept ready ahead of the start, where sandboxes take time.
  function renderWarm(warm) {
    const line = document.getElementById('board-warm');
    line.dataset.state = warm.state;
    if (warm.state === 'not-needed') {
      line.textContent = msg.msgWarmNotNeeded;
    } else if (warm.state === 'released') {
      line.textContent = msg.msgWarmReleased;
    } else if (warm.state === 'scheduled') {
      line.textContent = msg.msgWarmScheduled
        .replace('FROM', new Date(warm.from).toLocaleString(root.dataset.lang))
        .replace('PERCENT', String(Math.round(warm.share * 100)));
    } else {
      let text = msg.msgWarmReserving
        .replace('READY', warm.ready).replace('WANTED', warm.wanted).replace('STARTING', warm.starting);
      if (warm.ready + warm.starting < warm.wanted) {
        text += ' ' + msg.msgWarmLimit.replace('LIMIT', warm.hostLimit);
      }
      line.textContent = text;
    }
  }

  async function load() {
    const response = await fetch(api + '/board', { headers: { Accept: 'application/json' } });
    if (!response.ok) return;
    const board = await response.json();
    renderWarm(board.warm);
    learners.clear();
    for (const learner of board.learners) learners.set(learner.username, learner);
    render();
  }

  function listen() {
    const events = new EventSource(api + '/board/events');
    events.onmessage = (message) => {
      const data = JSON.parse(message.data);
      if (data.type === 'workshop') {
        connection.textContent = msg.msgLive;
        root.dataset.listening = 'true';
        load();
      } else if (data.type === 'learner') {
        learners.set(data.learner.username, data.learner);
        render();
      }
    };
    events.onerror = () => {
      connection.textContent = msg.msgOffline;
    };
  }

  // Learner actions: a dialog per learner and lab.
  const dialog = document.getElementById('learner-actions');
  const output = document.getElementById('learner-actions-output');
  const status = document.getElementById('learner-actions-status');
  let target = null;

  function openActions(username, lab) {
    target = { username: username, lab: lab };
    document.getElementById('learner-actions-title').textContent =
      msg.msgActions.replace('LEARNER', username).replace('LAB', lab);
    output.textContent = '';
    status.textContent = '';
    dialog.showModal();
  }

  const calls = {
    objects: ['GET', '/objects'],
    check: ['GET', '/check?lang=' + root.dataset.lang],
    reset: ['POST', '/reset'],
    extend: ['POST', '/extend'],
    end: ['POST', '/end'],
    hint: ['POST', '/hints/next?lang=' + root.dataset.lang],
  };
  dialog.querySelectorAll('[data-action]').forEach((button) => {
    button.addEventListener('click', async () => {
      const [method, path] = calls[button.dataset.action];
      const url = api + '/learners/' + encodeURIComponent(target.username) + '/labs/' + encodeURIComponent(target.lab) + path;
      const response = await fetch(url, { method: method, headers: { Accept: 'application/json, application/yaml' } });
      const text = await response.text();
      if (!response.ok) {
        let error = text;
        try { error = JSON.parse(text).error; } catch (e) { /* not JSON */ }
        status.textContent = msg.msgFailed + ' ' + error;
        return;
      }
      status.textContent = msg.msgDone;
      try {
        output.textContent = text ? JSON.stringify(JSON.parse(text), null, 2) : '';
      } catch (e) {
        output.textContent = text;
      }
    });
  });

  // Announcements to every learner.
  document.getElementById('announce-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = document.getElementById('announce-text');
    const response = await fetch(api + '/announcements', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ message: input.value }),
    });
    const answer = await response.json().catch(() => ({}));
    document.getElementById('announce-status').textContent =
      response.ok ? msg.msgSent : msg.msgFailed + ' ' + (answer.error || response.status);
    if (response.ok) input.value = '';
  });

  ['board-sort', 'board-filter', 'board-stuck-only'].forEach((control) =>
    document.getElementById(control).addEventListener('input', render));
  listen();
})();
