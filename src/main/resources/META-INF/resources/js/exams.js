// The exam list: "Start" asks the service for an attempt and opens its workspace; when the
// candidate already has one open, the service's 409 names it and that one is opened instead.
(() => {
  const root = document.getElementById('exams');
  if (!root) {
    return;
  }
  const lang = root.dataset.lang;
  const error = document.getElementById('exams-error');
  root.querySelectorAll('.exam-start').forEach((button) =>
    button.addEventListener('click', async () => {
      button.disabled = true;
      error.hidden = true;
      try {
        const attempt = await MeshDojo.json('POST', '/api/exams/' + button.dataset.exam + '/attempts?lang=' + lang);
        location.href = '/' + lang + '/attempts/' + attempt.id;
      } catch (e) {
        const open = /\/api\/attempts\/([0-9a-f-]{36})/.exec(e.message);
        if (open) {
          location.href = '/' + lang + '/attempts/' + open[1];
          return;
        }
        error.textContent = e.message;
        error.hidden = false;
        button.disabled = false;
      }
    }));
})();
