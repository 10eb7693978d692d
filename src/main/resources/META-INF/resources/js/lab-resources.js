// The resource browser: what the sandbox holds, by namespace and kind, with view-as-YAML, "open in
// the editor" and delete. Refreshed when the tab opens and after the editor changes the sandbox.
(function () {
  const root = document.getElementById('resources');
  if (!root) {
    return;
  }
  const msg = MeshDojo.messages(root);
  const $ = (id) => document.getElementById(id);
  const list = $('resources-list');
  let session = null;
  let shown = null;

  function query(ref) {
    const params = new URLSearchParams({ apiVersion: ref.apiVersion, kind: ref.kind, name: ref.name });
    if (ref.namespace) {
      params.set('namespace', ref.namespace);
    }
    return params.toString();
  }

  async function call(method, path) {
    const response = await fetch(path, { method, credentials: 'same-origin' });
    if (!response.ok) {
      const body = await response.json().catch(() => ({}));
      throw new Error(body.error || response.status + ' ' + response.statusText);
    }
    return response;
  }

  function button(text, className, action) {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = className;
    b.textContent = text;
    b.addEventListener('click', action);
    return b;
  }

  function render(objects) {
    list.replaceChildren();
    $('resources-empty').hidden = objects.length > 0;
    const byNamespace = new Map();
    for (const object of objects) {
      const key = object.namespace || '';
      if (!byNamespace.has(key)) {
        byNamespace.set(key, []);
      }
      byNamespace.get(key).push(object);
    }
    for (const [namespace, items] of byNamespace) {
      const group = document.createElement('details');
      group.className = 'namespace';
      // The system namespaces are there to be looked at, not worked in: folded by default.
      group.open = !['', 'kube-system', 'istio-system', 'kube-public', 'kube-node-lease'].includes(namespace);
      const summary = document.createElement('summary');
      summary.textContent = (namespace || msg('cluster')) + ' · ' + MeshDojo.plural(msg, 'count', items.length, 'COUNT');
      group.appendChild(summary);
      const table = document.createElement('table');
      const body = document.createElement('tbody');
      for (const object of items) {
        const row = document.createElement('tr');
        const kind = document.createElement('td');
        kind.textContent = object.kind;
        const name = document.createElement('td');
        name.textContent = object.name;
        const actions = document.createElement('td');
        actions.className = 'row-actions';
        const label = object.kind + ' ' + (object.namespace ? object.namespace + '/' : '') + object.name;
        const view = button(msg('view'), 'link-button', () => showYaml(object, label));
        view.setAttribute('aria-label', msg('view') + ': ' + label);
        const remove = button(msg('delete'), 'link-button danger', () => removeObject(object, label));
        remove.setAttribute('aria-label', msg('delete') + ': ' + label);
        actions.append(view, remove);
        row.append(kind, name, actions);
        body.appendChild(row);
      }
      table.appendChild(body);
      group.appendChild(table);
      list.appendChild(group);
    }
  }

  async function refresh() {
    if (!session) {
      return;
    }
    try {
      const response = await call('GET', '/api/sessions/' + session + '/objects');
      render(await response.json());
    } catch (error) {
      list.textContent = error.message;
    }
  }

  async function showYaml(object, label) {
    try {
      const response = await call('GET', '/api/sessions/' + session + '/objects/yaml?' + query(object));
      shown = await response.text();
      $('resources-view-title').textContent = label;
      const code = $('resources-yaml');
      code.textContent = shown;
      code.removeAttribute('data-highlighted');
      if (window.hljs) {
        window.hljs.highlightElement(code);
      }
      $('resources-view').hidden = false;
      $('resources-view').scrollIntoView({ block: 'nearest' });
    } catch (error) {
      list.prepend(error.message);
    }
  }

  async function removeObject(object, label) {
    if (!window.confirm(msg('confirm-delete').replace('NAME', label))) {
      return;
    }
    try {
      await call('DELETE', '/api/sessions/' + session + '/objects?' + query(object));
      $('resources-view').hidden = true;
      refresh();
    } catch (error) {
      list.prepend(error.message);
    }
  }

  $('resources-refresh').addEventListener('click', refresh);
  $('resources-edit').addEventListener('click', () =>
    document.dispatchEvent(new CustomEvent('meshdojo:editor-load', { detail: { text: shown } })));
  document.addEventListener('meshdojo:session', (event) => {
    session = event.detail.status === 'READY' ? event.detail.id : null;
    list.replaceChildren();
    $('resources-view').hidden = true;
  });
  document.addEventListener('meshdojo:tab-shown', (event) => {
    if (event.detail.panel === 'panel-resources') {
      refresh();
    }
  });
  document.addEventListener('meshdojo:sandbox-changed', () => {
    if (!$('panel-resources').hidden) {
      refresh();
    }
  });
})();
