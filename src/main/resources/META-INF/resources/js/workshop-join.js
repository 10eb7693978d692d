// The join page: the code goes to POST /api/workshops/join; then on to the workshop's page.
(function () {
  const form = document.getElementById('join-form');
  if (!form) return;
  const status = document.getElementById('join-status');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const code = document.getElementById('join-code').value;
    const response = await fetch('/api/workshops/join', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ code: code }),
    });
    const answer = await response.json().catch(() => ({}));
    if (response.ok) {
      window.location.href = '/' + form.dataset.lang + '/workshops/' + answer.workshop;
    } else {
      status.textContent = form.dataset.error + ' ' + (answer.error || response.status);
      status.className = 'notice';
    }
  });
})();
