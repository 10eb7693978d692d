// An exam attempt's workspace: one task at a time (previous/next and a jump list that shows flagged
// and visited tasks), a countdown driven by the server's remainingSeconds with warnings at 30, 15
// and 5 minutes, a notepad saved as the candidate types, and submit behind a confirmation. The
// editor, resource browser and terminal are the lab page's, told about the attempt's sandbox.
(() => {
  const root = document.getElementById('exam-attempt');
  if (!root) {
    return;
  }
  const msg = MeshDojo.messages(root);
  const id = root.dataset.attempt;
  const lang = root.dataset.lang;
  const api = '/api/attempts/' + id;
  const $ = (x) => document.getElementById(x);
  const tasks = [...root.querySelectorAll('.exam-task')];
  let current = 1;

  // --- tasks ---
  function show(number) {
    current = number;
    tasks.forEach((t) => (t.hidden = Number(t.dataset.task) !== number));
    root.querySelectorAll('#exam-jump-list a').forEach((a) => {
      if (Number(a.dataset.task) === number) {
        a.setAttribute('aria-current', 'step');
        a.classList.add('visited');
      } else {
        a.removeAttribute('aria-current');
      }
    });
    MeshDojo.json('POST', api + '/tasks/' + number + '/visit?lang=' + lang).catch(() => {});
  }
  root.querySelectorAll('#exam-jump-list a').forEach((a) =>
    a.addEventListener('click', (event) => {
      event.preventDefault();
      show(Number(a.dataset.task));
      $('task-' + a.dataset.task + '-title').focus();
    }));
  tasks.forEach((t) => {
    const n = Number(t.dataset.task);
    $('task-' + n + '-title').tabIndex = -1;
    t.querySelector('.exam-prev').addEventListener('click', () => show(n - 1));
    t.querySelector('.exam-next').addEventListener('click', () => show(n + 1));
    t.querySelector('.exam-flag').addEventListener('click', async (event) => {
      const button = event.currentTarget;
      const flagged = button.getAttribute('aria-pressed') !== 'true';
      try {
        await MeshDojo.json('PUT', api + '/tasks/' + n + '/flag', { flagged });
        button.setAttribute('aria-pressed', String(flagged));
        $('jump-' + n).classList.toggle('flagged', flagged);
      } catch (e) {
        warn(e.message);
      }
    });
  });

  // --- clock ---
  let endsAt = null;
  const warned = new Set();
  function warn(text) {
    $('exam-warning').textContent = text;
    $('exam-warning').hidden = false;
  }
  function sync(view) {
    if (view.status === 'GRADED' || view.status === 'GRADING') {
      location.href = root.dataset.resultHref;
      return;
    }
    if (view.remainingSeconds !== undefined && view.remainingSeconds !== null) {
      endsAt = Date.now() + view.remainingSeconds * 1000;
    }
    if (view.status === 'IN_PROGRESS' && root.dataset.status !== 'IN_PROGRESS') {
      root.dataset.status = 'IN_PROGRESS';
      announce();
    }
  }
  function tick() {
    if (endsAt === null) {
      $('exam-clock').textContent = msg('waiting');
      return;
    }
    const left = Math.max(0, Math.round((endsAt - Date.now()) / 1000));
    $('exam-clock').textContent = msg('time-left').replace('TIME', MeshDojo.clock(left));
    for (const mark of [30, 15, 5]) {
      if (left <= mark * 60 && left > 0 && !warned.has(mark)) {
        warned.add(mark);
        warn(msg('warning').replace('MINUTES', mark));
      }
    }
    if (left === 0) {
      $('exam-clock').textContent = msg('time-up');
    }
  }
  const remaining = Number(root.dataset.remaining);
  if (remaining >= 0) {
    endsAt = Date.now() + remaining * 1000;
  }
  // Marks already passed when the page opens are not announced again.
  [30, 15, 5].forEach((m) => remaining >= 0 && remaining <= m * 60 && warned.add(m));
  setInterval(tick, 1000);
  tick();
  // The server's clock is the truth: look again every 20 s (and at once when the time is up).
  setInterval(() => MeshDojo.json('GET', api + '?lang=' + lang).then(sync).catch(() => {}), 20000);

  // --- notes ---
  const notes = $('exam-notes');
  let saving = null;
  fetch(api + '/notes', { credentials: 'same-origin' }).then((r) => (r.ok ? r.text() : '')).then((t) => (notes.value = t));
  notes.addEventListener('input', () => {
    clearTimeout(saving);
    saving = setTimeout(async () => {
      const response = await fetch(api + '/notes', {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'text/plain; charset=UTF-8' },
        body: notes.value,
      });
      const answer = response.ok ? null : await response.json().catch(() => null);
      $('exam-notes-status').textContent = response.ok ? msg('saved') : (answer && answer.error) || msg('error');
    }, 600);
  });

  // --- submit ---
  const dialog = $('submit-confirm');
  $('exam-submit').addEventListener('click', () => dialog.showModal());
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'confirm') {
      return;
    }
    $('exam-submit').disabled = true;
    try {
      await MeshDojo.json('POST', api + '/submit?lang=' + lang);
    } catch (e) {
      // Already graded (by the clock, or another tab): the result page says how it ended.
    }
    location.href = root.dataset.resultHref;
  });

  // --- workspace tabs: the lab page's editor, resources and terminal on this sandbox ---
  const tabs = [...root.querySelectorAll('[role="tab"]')];
  function select(tab) {
    tabs.forEach((t) => {
      const on = t === tab;
      t.setAttribute('aria-selected', String(on));
      t.tabIndex = on ? 0 : -1;
      $(t.getAttribute('aria-controls')).hidden = !on;
    });
    tab.dispatchEvent(new CustomEvent('meshdojo:tab-shown', { bubbles: true, detail: { panel: tab.getAttribute('aria-controls') } }));
  }
  tabs.forEach((tab, i) => {
    tab.addEventListener('click', () => select(tab));
    tab.addEventListener('keydown', (event) => {
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (step) {
        const next = tabs[(i + step + tabs.length) % tabs.length];
        select(next);
        next.focus();
      }
    });
  });
  // The sandbox is READY once the clock runs (the attempt is IN_PROGRESS).
  function announce() {
    const sandbox = root.dataset.sandbox;
    if (sandbox && root.dataset.status === 'IN_PROGRESS') {
      document.dispatchEvent(new CustomEvent('meshdojo:session', { detail: { id: sandbox, status: 'READY', lang } }));
    }
  }
  announce();
  show(1);
})();
