// The lab workspace: start or resume a sandbox, follow its provisioning, check the work.
// Every text comes from the page (data-msg-*), so both languages stay in the message bundles.
(function () {
  const box = document.getElementById('workspace');
  const start = document.getElementById('lab-start');
  if (!box || !start) {
    return;
  }
  const lab = box.dataset.lab;
  const lang = box.dataset.lang;
  const msg = MeshDojo.messages(box);
  const $ = (id) => document.getElementById(id);
  const narrow = window.matchMedia('(max-width: 900px)');
  let session = null;
  let events = null;

  const api = MeshDojo.json;

  function showError(error) {
    $('lab-status').textContent = msg('error') + ' ' + error.message;
  }

  // Other parts of the page (editor, resources, terminal, hints, traffic) follow the session
  // through these events instead of reaching into this script.
  function announce(view) {
    const detail = view
      ? { id: view.id, status: view.status, backend: view.backend, lab: lab, lang: lang }
      : { id: null, status: null, backend: null, lab: lab, lang: lang };
    document.dispatchEvent(new CustomEvent('meshdojo:session', { detail }));
  }

  function render(view) {
    const changed = !session || session.id !== view.id || session.status !== view.status;
    session = view;
    start.hidden = true;
    $('lab-session').hidden = false;
    $('lab-progress').value = view.progress ? view.progress.percent : 0;
    if (view.status === 'READY') {
      $('lab-status').textContent = msg('ready');
      $('lab-progress').hidden = true;
      $('lab-ready').hidden = false;
      $('lab-kubeconfig').href = '/api/sessions/' + view.id + '/kubeconfig';
      // The name SessionResource gives the download, so the hint names the file the learner has.
      const file = 'kubeconfig-' + view.id + '.yaml';
      $('lab-kubeconfig').download = file;
      $('lab-kubeconfig-hint').textContent = msg('kubeconfig-hint').replace('FILE', file);
      const minutes = Math.max(0, Math.round((Date.parse(view.expiresAt) - Date.now()) / 60000));
      $('lab-time-left').textContent = msg('time-left').replace('MINUTES', minutes);
    } else if (view.status === 'PROVISIONING') {
      // Also after a kind reset, which provisions a fresh cluster for the same session.
      $('lab-progress').hidden = false;
      $('lab-ready').hidden = true;
      const position = view.progress && view.progress.queuePosition;
      $('lab-status').textContent = position
        ? msg('queue').replace('POSITION', position)
        : msg('provisioning') + (view.progress && view.progress.step ? ' ' + view.progress.step : '');
    } else if (view.status === 'FAILED') {
      $('lab-status').textContent = msg('failed') + ' ' + (view.error || '');
      start.hidden = false;
    } else {
      $('lab-status').textContent = msg('over');
      $('lab-ready').hidden = true;
      start.hidden = false;
    }
    if (changed) {
      announce(view);
      if (view.status === 'READY' && narrow.matches) {
        // On a narrow screen the instructions sit above the workspace: fold them away once work starts.
        $('lab-instructions').open = false;
      }
    }
  }

  function follow(view) {
    render(view);
    if (events) {
      events.close();
    }
    if (view.status !== 'PROVISIONING') {
      return;
    }
    events = new EventSource('/api/sessions/' + view.id + '/events');
    events.onmessage = (event) => {
      const next = JSON.parse(event.data);
      render(next);
      if (next.status !== 'PROVISIONING') {
        events.close();
      }
    };
    events.onerror = () => {
      events.close();
      api('GET', '/api/sessions/' + view.id).then(render).catch(showError);
    };
  }

  function showResult(result) {
    $('lab-no-result').hidden = true;
    $('lab-result').hidden = false;
    $('lab-score').textContent =
      msg('score').replace('SCORE', result.score).replace('MAX', result.maxScore) + ' — ' +
      (result.passed ? msg('passed') : msg('not-passed'));
    $('lab-score').className = 'score ' + (result.passed ? 'passed' : 'failed');
    const objectives = $('lab-objectives');
    objectives.replaceChildren();
    for (const objective of result.objectives) {
      const item = document.createElement('li');
      item.className = objective.passed ? 'passed' : 'failed';
      item.dataset.objective = objective.id;
      // A met objective reads as its own sentence; a missed one is named by its id (as in the traffic
      // picture) and then says what it expects and what the configuration does instead.
      item.append(objective.passed ? '✓ ' + objective.expected + ' ' : '✗ ' + objective.id + ' ');
      const points = item.appendChild(document.createElement('span'));
      points.className = 'points';
      points.textContent = '(' + MeshDojo.plural(msg, 'points', objective.points, 'POINTS') + ')';
      if (!objective.passed) {
        // What the objective asks for, next to what the configuration does instead.
        const both = item.appendChild(document.createElement('dl'));
        for (const [term, text] of [[msg('expected'), objective.expected], [msg('actual'), objective.message]]) {
          both.appendChild(document.createElement('dt')).textContent = term;
          both.appendChild(document.createElement('dd')).textContent = text;
        }
      }
      objectives.appendChild(item);
    }
    const findings = $('lab-findings');
    findings.replaceChildren();
    for (const finding of result.findings) {
      const item = document.createElement('li');
      item.textContent = '[' + finding.code + '] ' + finding.message;
      findings.appendChild(item);
    }
    $('lab-findings-title').hidden = result.findings.length === 0;
  }

  start.addEventListener('click', () => {
    start.disabled = true;
    api('POST', '/api/labs/' + lab + '/sessions').then(follow).catch(showError).finally(() => (start.disabled = false));
  });
  $('lab-check').addEventListener('click', () => {
    const button = $('lab-check');
    button.disabled = true;
    button.textContent = msg('checking');
    const checked = session.id;
    selectTab($('tab-results'));
    api('POST', '/api/sessions/' + checked + '/check?lang=' + lang)
      .then((result) => {
        showResult(result);
        document.dispatchEvent(new CustomEvent('meshdojo:checked', { detail: { session: checked, result } }));
      })
      .catch(showError)
      .finally(() => {
        button.disabled = false;
        button.textContent = msg('check');
      });
  });
  $('lab-extend').addEventListener('click', () => api('POST', '/api/sessions/' + session.id + '/extend').then(render).catch(showError));
  // A reset throws the learner's work away, so it waits for a yes in a modal dialog (Esc or
  // "Keep my work" cancels), as the solution reveal does.
  const resetConfirm = $('reset-confirm');
  $('lab-reset').addEventListener('click', () => {
    resetConfirm.returnValue = '';
    resetConfirm.showModal();
  });
  resetConfirm.addEventListener('close', () => {
    if (resetConfirm.returnValue !== 'confirm') {
      $('lab-reset').focus();
      return;
    }
    $('lab-result').hidden = true;
    $('lab-no-result').hidden = false;
    api('POST', '/api/sessions/' + session.id + '/reset').then(follow).catch(showError);
  });
  $('lab-end').addEventListener('click', () => {
    api('DELETE', '/api/sessions/' + session.id)
      .then(() => render(Object.assign({}, session, { status: 'ENDED' })))
      .catch(showError);
  });

  // Tabs as WAI-ARIA describes them: one tab stop, arrow keys move between tabs.
  const tabs = Array.from(document.querySelectorAll('#lab-ready [role="tab"]'));

  function selectTab(tab) {
    for (const other of tabs) {
      const selected = other === tab;
      other.setAttribute('aria-selected', String(selected));
      other.tabIndex = selected ? 0 : -1;
      $(other.getAttribute('aria-controls')).hidden = !selected;
    }
    tab.dispatchEvent(new CustomEvent('meshdojo:tab-shown', { bubbles: true, detail: { panel: tab.getAttribute('aria-controls') } }));
  }

  tabs.forEach((tab, index) => {
    tab.addEventListener('click', () => selectTab(tab));
    tab.addEventListener('keydown', (event) => {
      const moves = { ArrowRight: 1, ArrowLeft: -1, Home: -index, End: tabs.length - 1 - index };
      if (event.key in moves) {
        event.preventDefault();
        const next = tabs[(index + moves[event.key] + tabs.length) % tabs.length];
        selectTab(next);
        next.focus();
      }
    });
  });

  // A session already running for this lab is resumed, not duplicated.
  api('GET', '/api/sessions?lab=' + encodeURIComponent(lab))
    .then((live) => {
      if (live.length > 0) {
        follow(live[0]);
      }
    })
    .catch(showError);
})();
