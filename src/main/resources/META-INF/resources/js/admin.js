// The admin page: role changes and disabling go through the accounts API; refusals are shown.
(function () {
  const table = document.getElementById('accounts');
  const status = document.getElementById('admin-status');
  if (!table) return;
  const text = table.dataset;

  async function put(username, what, body) {
    const response = await fetch('/api/accounts/' + encodeURIComponent(username) + '/' + what, {
      method: 'PUT',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    });
    const answer = await response.json().catch(() => ({}));
    if (!response.ok) {
      status.textContent = text.error + ' ' + (answer.error || response.status);
      status.className = 'notice';
      return null;
    }
    status.textContent = text.saved;
    status.className = 'notice success';
    return answer;
  }

  table.querySelectorAll('tr[data-username]').forEach((row) => {
    const username = row.dataset.username;
    const select = row.querySelector('.role-select');
    const toggle = row.querySelector('.toggle-disabled');
    select.dataset.current = select.value;
    select.addEventListener('change', async () => {
      const account = await put(username, 'role', { role: select.value });
      select.value = account ? account.role : select.dataset.current;
      select.dataset.current = select.value;
    });
    toggle.addEventListener('click', async () => {
      const wanted = toggle.dataset.disabled !== 'true';
      const account = await put(username, 'disabled', { disabled: wanted });
      if (!account) return;
      toggle.dataset.disabled = String(account.disabled);
      toggle.textContent = account.disabled ? text.enable : text.disable;
      row.querySelector('.state').textContent = account.disabled ? text.disabled : text.enabled;
    });
  });
})();
