// The mesh graph: who called whom in the learner's sandbox, drawn with Cytoscape.js from
// GET /api/sessions/{id}/graph, polled while the Graph tab is open. The table under the drawing
// holds the same edges, so keyboards and screen readers get every number the picture shows.
// Every text comes from data-msg-* on #mesh-graph.
(function () {
  const root = document.getElementById('mesh-graph');
  const panel = document.getElementById('panel-graph');
  if (!root || !panel) {
    return;
  }
  const msg = MeshDojo.messages(root);
  const $ = (id) => document.getElementById(id);
  const canvas = $('mesh-graph-canvas');
  const table = $('mesh-graph-table');
  const lang = document.documentElement.lang || 'en';
  // Requests go out only while someone looks; a few seconds keeps the graph current.
  const POLL_MS = 4000;
  let session = null;
  let timer = null;
  let cy = null;
  let drawnNodes = '';

  const rate = (n) => new Intl.NumberFormat(lang, { maximumFractionDigits: 3 }).format(n);
  const percent = (share) =>
    new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 1 }).format(share);

  function label(node) {
    if (node.kind === 'service') {
      return node.namespace ? node.name + '.' + node.namespace : node.name;
    }
    return node.namespace + '/' + node.name;
  }

  function mtls(share) {
    return share >= 1 ? msg('mtls-all') : share <= 0 ? msg('mtls-none') : msg('mtls-partly');
  }

  function edgeText(edge) {
    let text = msg('edge-rate').replace('RATE', rate(edge.perSecond));
    if (edge.errors > 0) {
      text += ' · ' + msg('edge-errors').replace('SHARE', percent(edge.errorShare));
    }
    return edge.mtlsShare >= 1 ? 'mTLS · ' + text : text;
  }

  function cell(tag, text) {
    const node = document.createElement(tag);
    node.textContent = text;
    return node;
  }

  function fillTable(graph, byId) {
    const body = table.querySelector('tbody');
    body.replaceChildren(
      ...graph.edges.map((edge) => {
        const row = document.createElement('tr');
        row.dataset.source = edge.source;
        row.dataset.target = edge.target;
        const from = cell('th', label(byId.get(edge.source)));
        from.scope = 'row';
        const target = byId.get(edge.target);
        row.append(
          from,
          cell('td', label(target) + (target.kind === 'service' ? ' (' + msg('service') + ')' : '')),
          cell('td', String(edge.requests)),
          cell('td', rate(edge.perSecond)),
          cell('td', edge.errors + ' (' + percent(edge.errorShare) + ')'),
          cell('td', mtls(edge.mtlsShare)),
        );
        row.querySelectorAll('td').forEach((td, i) => {
          if (i >= 1 && i <= 3) {
            td.className = 'share';
          }
        });
        return row;
      }),
    );
  }

  function elements(graph) {
    const nodes = graph.nodes.map((node) => ({
      group: 'nodes',
      data: {
        id: node.id,
        kind: node.kind,
        label:
          node.kind === 'service' || !node.version || node.name.endsWith(node.version)
            ? node.kind === 'service' ? label(node) : node.name
            : node.name + ' ' + node.version,
      },
    }));
    const edges = graph.edges.map((edge) => ({
      group: 'edges',
      data: {
        id: edge.source + '>' + edge.target,
        source: edge.source,
        target: edge.target,
        label: edgeText(edge),
        health: edge.errorShare >= 0.2 ? 'bad' : edge.errors > 0 ? 'degraded' : 'good',
        mtls: edge.mtlsShare >= 1 ? 'yes' : 'no',
      },
    }));
    return nodes.concat(edges);
  }

  const STYLE = [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'text-valign': 'center',
        'text-halign': 'right',
        'text-margin-x': 6,
        'font-size': 11,
        color: '#1f2937',
        'background-color': '#0072B2',
        width: 26,
        height: 26,
      },
    },
    { selector: 'node[kind = "service"]', style: { shape: 'round-rectangle', 'background-color': '#009E73' } },
    {
      selector: 'edge',
      style: {
        label: 'data(label)',
        'font-size': 10,
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.85,
        'text-background-padding': 2,
        'curve-style': 'bezier',
        'target-arrow-shape': 'triangle',
        width: 2,
        'line-color': '#4b5563',
        'target-arrow-color': '#4b5563',
      },
    },
    { selector: 'edge[mtls = "no"]', style: { 'line-style': 'dashed' } },
    { selector: 'edge[health = "degraded"]', style: { 'line-color': '#E69F00', 'target-arrow-color': '#E69F00' } },
    { selector: 'edge[health = "bad"]', style: { 'line-color': '#D55E00', 'target-arrow-color': '#D55E00' } },
  ];

  function draw(graph) {
    const byId = new Map(graph.nodes.map((node) => [node.id, node]));
    const empty = graph.edges.length === 0;
    $('mesh-graph-empty').hidden = !empty;
    canvas.hidden = empty;
    table.hidden = empty;
    $('mesh-graph-window').textContent = msg('window')
      .replace('MINUTES', String(Math.round(graph.windowSeconds / 60)))
      .replace('TIME', new Date().toLocaleTimeString(lang));
    fillTable(graph, byId);
    if (empty || typeof cytoscape === 'undefined') {
      return;
    }
    const shape = graph.nodes.map((node) => node.id).sort().join('|');
    if (!cy) {
      // Cytoscape adds an inline <style> (position: relative) unless an element with this id
      // exists; the Content-Security-Policy refuses inline styles and dojo.css sets it already.
      if (!document.getElementById('__________cytoscape_stylesheet')) {
        const marker = document.createElement('meta');
        marker.id = '__________cytoscape_stylesheet';
        document.head.append(marker);
      }
      cy = cytoscape({ container: canvas, style: STYLE, userZoomingEnabled: false, boxSelectionEnabled: false });
    }
    if (shape !== drawnNodes) {
      cy.elements().remove();
      cy.add(elements(graph));
      cy.resize();
      cy.layout({ name: 'breadthfirst', directed: true, spacingFactor: 1.1, padding: 24 }).run();
      drawnNodes = shape;
    } else {
      // Same nodes: only the numbers change, so the picture does not jump on every refresh.
      const fresh = elements(graph);
      const ids = new Set(fresh.map((element) => element.data.id));
      cy.edges().filter((edge) => !ids.has(edge.id())).remove();
      fresh.forEach((element) => {
        const existing = cy.getElementById(element.data.id);
        if (existing.nonempty()) {
          existing.data(element.data);
        } else {
          cy.add(element);
        }
      });
    }
    // Counted from the drawing itself, so the summary says what is on screen.
    canvas.setAttribute(
      'aria-label',
      msg('summary').replace('NODES', cy.nodes().length).replace('EDGES', cy.edges().length),
    );
  }

  // Each restart starts a new polling loop; an older loop stops at its next turn.
  let loop = 0;

  async function refresh(mine) {
    if (mine !== loop || !session || panel.hidden) {
      return;
    }
    try {
      draw(await MeshDojo.json('GET', '/api/sessions/' + encodeURIComponent(session) + '/graph'));
    } catch (error) {
      $('mesh-graph-window').textContent = msg('error') + ' ' + error.message;
    }
    if (mine === loop) {
      timer = setTimeout(() => refresh(mine), POLL_MS);
    }
  }

  function restart() {
    clearTimeout(timer);
    loop += 1;
    refresh(loop);
  }

  document.addEventListener('meshdojo:session', (event) => {
    const next = event.detail.status === 'READY' ? event.detail.id : null;
    if (next !== session) {
      session = next;
      drawnNodes = '';
      if (cy) {
        cy.elements().remove();
      }
      restart();
    }
  });
  document.addEventListener('meshdojo:tab-shown', (event) => {
    if (event.detail.panel === 'panel-graph') {
      restart();
    }
  });
})();
