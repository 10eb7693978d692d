// The learner's recent checks of this lab, in the results panel; refreshed after every Check.
// Every text comes from data-msg-* on #lab-history, so both languages stay in the message bundles.
(function () {
  const box = document.getElementById('lab-history');
  if (!box) {
    return;
  }
  const SHOWN = 10;
  const lab = box.dataset.lab;
  const lang = box.dataset.lang;
  const msg = MeshDojo.messages(box);
  const table = document.getElementById('lab-history-table');
  const rows = document.getElementById('lab-history-rows');
  const status = document.getElementById('lab-history-status');
  const when = new Intl.DateTimeFormat(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' });

  function cell(...children) {
    const td = document.createElement('td');
    td.append(...children);
    return td;
  }

  function row(check) {
    const time = document.createElement('time');
    time.dateTime = check.checkedAt;
    time.textContent = when.format(new Date(check.checkedAt));
    const met = check.objectives.filter((o) => o.passed).length;
    const objectives = document.createElement('span');
    objectives.className = 'meta';
    objectives.textContent = msg('objectives').replace('MET', met).replace('TOTAL', check.objectives.length);
    const result = document.createElement('span');
    result.className = check.passed ? 'passed' : 'failed';
    result.textContent = check.passed ? msg('passed') : msg('not-passed');
    const tr = document.createElement('tr');
    tr.className = 'check';
    const outcome = cell(result);
    if (check.afterSolution) {
      const mark = document.createElement('span');
      mark.className = 'after-solution';
      mark.textContent = msg('after-solution');
      outcome.append(' ', mark);
    }
    tr.append(
      cell(time),
      cell(msg('score').replace('SCORE', check.score).replace('MAX', check.maxScore), ' ', objectives),
      outcome,
    );
    return tr;
  }

  async function load() {
    try {
      const body = await MeshDojo.json('GET', '/api/labs/' + encodeURIComponent(lab) + '/checks?limit=' + SHOWN);
      rows.replaceChildren(...body.map(row));
      table.hidden = body.length === 0;
      status.hidden = body.length > 0;
    } catch (error) {
      status.hidden = false;
      status.textContent = msg('error') + ' ' + error.message;
    }
  }

  document.addEventListener('meshdojo:checked', load);
  load();
})();
