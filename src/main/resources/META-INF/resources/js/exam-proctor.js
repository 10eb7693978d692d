// The proctor's list: every attempt at one exam, redrawn from GET /api/exams/{id}/attempts every
// few seconds. Status and time left are the server's (computed from the stored endsAt), never a
// clock kept in this browser.
(function () {
  const root = document.getElementById('proctor');
  if (!root) return;
  const msg = MeshDojo.messages(root);
  const api = '/api/exams/' + encodeURIComponent(root.dataset.exam) + '/attempts';
  const rows = document.getElementById('proctor-rows');
  const connection = document.getElementById('proctor-connection');
  const EVERY_MS = 5000;

  function cell(tag, text, className) {
    const element = document.createElement(tag);
    if (className) element.className = className;
    element.textContent = text;
    return element;
  }

  function row(attempt) {
    const tr = document.createElement('tr');
    tr.id = 'proctor-row-' + attempt.id;
    tr.dataset.status = attempt.status;
    const candidate = cell('th', attempt.candidate || '');
    candidate.scope = 'row';
    const started = document.createElement('td');
    started.append(cell('time', attempt.startedAt || ''));
    const status = msg('status-' + attempt.status.toLowerCase().replace('_', '-')) || attempt.status;
    const remaining = attempt.remainingSeconds === null ? '' : MeshDojo.clock(attempt.remainingSeconds);
    let score = '';
    if (attempt.score !== null) {
      score = attempt.score + ' % · ' + (attempt.passed ? msg('passed') : msg('not-passed'));
    }
    const result = document.createElement('td');
    result.className = 'proctor-result';
    if (attempt.status === 'GRADED') {
      const link = cell('a', msg('open-result'));
      link.href = root.dataset.resultHref + attempt.id + '/result';
      result.append(link);
    }
    tr.append(
      candidate,
      started,
      cell('td', status, 'proctor-status'),
      cell('td', remaining, 'proctor-remaining'),
      cell('td', score, 'proctor-score'),
      result,
    );
    return tr;
  }

  // A status region speaks when its text changes: only a change of connection is said.
  function say(text) {
    if (connection.textContent !== text) connection.textContent = text;
  }

  async function refresh() {
    try {
      const attempts = await MeshDojo.json('GET', api);
      // Keyboard focus on a result link survives the redraw.
      const focused = document.activeElement && document.activeElement.closest('tr[id^="proctor-row-"]');
      rows.replaceChildren(...attempts.map(row));
      if (focused) {
        const again = document.querySelector('#' + CSS.escape(focused.id) + ' a');
        if (again) again.focus();
      }
      document.getElementById('proctor-none').hidden = attempts.length > 0;
      document.getElementById('proctor-attempts').hidden = attempts.length === 0;
      say(msg('live'));
    } catch (e) {
      say(msg('offline'));
    }
  }

  setInterval(refresh, EVERY_MS);
})();
