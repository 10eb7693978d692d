// The workshop page's instructor tools: ending the workshop after a confirmation.
(function () {
  const end = document.getElementById('end-workshop');
  if (!end) return;
  const dialog = document.getElementById('end-workshop-confirm');
  end.addEventListener('click', () => dialog.showModal());
  dialog.addEventListener('close', async () => {
    if (dialog.returnValue !== 'confirm') return;
    const response = await fetch('/api/workshops/' + end.dataset.workshop + '/end', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ confirm: true }),
    });
    if (response.ok) window.location.reload();
  });
})();
