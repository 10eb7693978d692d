// The traffic picture. After each Check (the 'meshdojo:checked' event carries that Check's own
// result, so no second grading run), horizontal stacked bars for each probe of each behaviour
// objective: the shares the grader's mesh model computed, the shares the objective expects, and on a
// kind sandbox the shares observed from real requests ("Send real traffic"). A table below each
// chart holds the same numbers. Every text comes from data-msg-* on #traffic.
(function () {
  const root = document.getElementById('traffic');
  if (!root || typeof Chart === 'undefined') {
    return;
  }
  const list = document.getElementById('traffic-objectives');
  const msg = MeshDojo.messages(root);
  // Okabe–Ito colours stay apart for the common colour-vision deficiencies; failures get the warm
  // and grey ones so they never look like a version.
  const REACHED = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#F0E442'];
  const FAILED = ['#D55E00', '#8C2D04', '#6B6B6B', '#B5B5B5'];
  let session = null;
  let lang = document.documentElement.lang || 'en';
  let charts = [];

  const percent = (share) =>
    new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(share);

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    return node;
  }

  function clear() {
    charts.forEach((chart) => chart.destroy());
    charts = [];
    list.replaceChildren();
    root.hidden = true;
  }

  function outcomeName(outcome) {
    return msg('outcome-' + outcome.replace(/_/g, '-')) || outcome;
  }

  // Rows of one objective: per probe the simulated shares, then the expected and observed ones.
  function rows(state) {
    const out = [];
    state.probes.forEach((probe, i) => {
      out.push({ index: i, probe: probe.probe, series: msg('simulated'), shares: probe.shares });
      const expected = Object.entries(probe.expected || {});
      if (expected.length > 0) {
        out.push({
          index: i,
          probe: probe.probe,
          series: msg('expected'),
          expected: true,
          shares: expected.map(([label, share]) => ({ label, outcome: 'reached', share })),
        });
      }
      const seen = state.observed && state.observed[i];
      if (seen) {
        out.push({
          index: i,
          probe: probe.probe,
          series: msg('observed').replace('COUNT', seen.requests),
          observed: true,
          skipped: seen.skipped ? msg('skipped-' + seen.skipped.replace(/_/g, '-')) : null,
          shares: seen.shares,
        });
      }
    });
    return out;
  }

  // A label keeps one colour on the whole page, in every chart and after every check, so v1 is the
  // same colour wherever it appears. Colours are handed out in order of first appearance.
  const colours = new Map();
  function colourOf(label, outcome) {
    const key = (outcome === 'reached' ? 'reached:' : 'failed:') + label;
    if (!colours.has(key)) {
      const palette = outcome === 'reached' ? REACHED : FAILED;
      const taken = [...colours.keys()].filter((k) => k.startsWith(key.slice(0, key.indexOf(':') + 1))).length;
      colours.set(key, palette[taken % palette.length]);
    }
    return colours.get(key);
  }

  // Every label once, reached ones first, each with its colour and legend text.
  function legend(allRows) {
    const labels = new Map();
    for (const outcomeFirst of [true, false]) {
      for (const row of allRows) {
        for (const share of row.shares) {
          if ((share.outcome === 'reached') === outcomeFirst && !labels.has(share.label)) {
            labels.set(share.label, share.outcome);
          }
        }
      }
    }
    return [...labels].map(([label, outcome]) => ({
      label,
      text: outcome === 'reached' ? label : label + ' · ' + outcomeName(outcome),
      colour: colourOf(label, outcome),
    }));
  }

  const shareOf = (row, label) =>
    row.shares.filter((s) => s.label === label).reduce((sum, s) => sum + s.share, 0);

  // One small chart per probe, its text above it: simulated, expected and observed bars side by side.
  function drawCharts(figure, state, allRows, labels) {
    state.charts.forEach((chart) => chart.destroy());
    charts = charts.filter((c) => !state.charts.includes(c));
    state.charts = [];
    const box = figure.querySelector('.traffic-charts');
    box.replaceChildren();
    state.probes.forEach((probe, i) => {
      const probeRows = allRows.filter((row) => row.index === i);
      const last = i === state.probes.length - 1;
      const block = box.appendChild(element('div', 'traffic-probe'));
      block.appendChild(element('p', 'traffic-probe-label', probe.probe));
      const holder = block.appendChild(element('div', 'traffic-chart'));
      // Room for each bar and the axis, the legend over the first chart, the axis title under the last.
      holder.style.height = 34 * probeRows.length + 30 + (i === 0 ? 30 : 0) + (last ? 20 : 0) + 'px';
      const canvas = holder.appendChild(element('canvas'));
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', msg('chart-label').replace('ID', state.id).replace('PROBE', probe.probe));
      const chart = new Chart(canvas, {
        type: 'bar',
        data: {
          labels: probeRows.map((row) => row.series),
          datasets: labels.map((l) => ({
            label: l.text,
            data: probeRows.map((row) => Math.round(shareOf(row, l.label) * 1000) / 10),
            backgroundColor: probeRows.map((row) => (row.expected ? l.colour + '59' : l.colour)),
            borderColor: l.colour,
            borderWidth: probeRows.map((row) => (row.expected ? 2 : 0)),
            borderSkipped: false,
          })),
        },
        options: {
          indexAxis: 'y',
          animation: false,
          responsive: true,
          maintainAspectRatio: false,
          scales: {
            x: {
              stacked: true,
              min: 0,
              max: 100,
              ticks: { callback: (value) => percent(value / 100) },
              title: { display: last, text: msg('axis') },
            },
            y: { stacked: true, ticks: { autoSkip: false }, afterFit: (axis) => (axis.width = 170) },
          },
          plugins: {
            legend: { display: i === 0, position: 'top', align: 'end' },
            tooltip: {
              callbacks: { label: (ctx) => ctx.dataset.label + ': ' + percent(ctx.raw / 100) },
            },
          },
        },
      });
      state.charts.push(chart);
      charts.push(chart);
    });
  }

  function drawTable(figure, state, allRows, labels) {
    const table = figure.querySelector('table');
    table.replaceChildren();
    table.appendChild(element('caption', null, msg('table-caption').replace('ID', state.id)));
    const head = element('tr');
    head.append(element('th', null, msg('probe')), element('th', null, msg('source')));
    labels.forEach((l) => head.appendChild(element('th', null, l.text)));
    table.appendChild(element('thead')).appendChild(head);
    const body = table.appendChild(element('tbody'));
    for (const row of allRows) {
      const tr = body.appendChild(element('tr', row.observed ? 'observed' : row.expected ? 'expected' : 'simulated'));
      const probe = tr.appendChild(element('th', null, row.probe));
      probe.scope = 'row';
      tr.appendChild(element('td', null, row.series));
      if (row.skipped) {
        tr.appendChild(element('td', 'skipped', row.skipped)).colSpan = Math.max(1, labels.length);
        continue;
      }
      labels.forEach((l) => tr.appendChild(element('td', 'share', percent(shareOf(row, l.label)))));
    }
  }

  function draw(figure, state) {
    const allRows = rows(state);
    const labels = legend(allRows);
    drawCharts(figure, state, allRows, labels);
    drawTable(figure, state, allRows, labels);
  }

  async function sendTraffic(sessionId, figure, state, button, status) {
    button.disabled = true;
    status.textContent = msg('sending');
    try {
      const body = await MeshDojo.json(
        'POST', '/api/sessions/' + sessionId + '/traffic?objective=' + encodeURIComponent(state.id));
      state.observed = body.traffic;
      status.textContent = '';
      draw(figure, state);
    } catch (error) {
      status.textContent = msg('error') + ' ' + error.message;
    } finally {
      button.disabled = false;
    }
  }

  function objectiveFigure(sessionId, objective) {
    const state = { id: objective.id, probes: objective.traffic, observed: null, charts: [] };
    const figure = element('figure', 'traffic-objective');
    figure.dataset.objective = objective.id;
    figure.appendChild(element('figcaption', null, msg('objective').replace('ID', objective.id)));
    figure.appendChild(element('div', 'traffic-charts'));
    figure.appendChild(element('table', 'traffic-table'));
    if (session && session.backend === 'kind') {
      const actions = figure.appendChild(element('p', 'actions'));
      const button = actions.appendChild(element('button', 'button secondary traffic-send', msg('send')));
      button.type = 'button';
      button.title = msg('send-hint');
      const status = figure.appendChild(element('p', 'meta traffic-status'));
      status.setAttribute('role', 'status');
      button.addEventListener('click', () => sendTraffic(sessionId, figure, state, button, status));
    }
    list.appendChild(figure);
    draw(figure, state);
  }

  document.addEventListener('meshdojo:session', (event) => {
    const view = event.detail;
    lang = view.lang || lang;
    const usable = view.id && view.status === 'READY';
    if (!usable || (session && session.id !== view.id)) {
      clear();
    }
    session = usable ? view : null;
  });

  document.addEventListener('meshdojo:checked', (event) => {
    clear();
    const objectives = event.detail.result.objectives.filter((o) => o.traffic && o.traffic.length > 0);
    root.hidden = objectives.length === 0;
    objectives.forEach((objective) => objectiveFigure(event.detail.session, objective));
  });
})();
