// Announcements of the learner's workshops, live (server-sent events), on the lab and workshop
// pages. Dismissed ones are remembered in this browser, so they stay dismissed after a reload.
(function () {
  const box = document.getElementById('announcements');
  if (!box) return;
  const KEY = 'meshdojo.dismissed-announcements';
  const dismissed = new Set(JSON.parse(localStorage.getItem(KEY) || '[]'));

  function wire(note) {
    if (dismissed.has(note.dataset.id)) {
      note.remove();
      return;
    }
    note.querySelector('.dismiss').addEventListener('click', () => {
      dismissed.add(note.dataset.id);
      localStorage.setItem(KEY, JSON.stringify([...dismissed].slice(-200)));
      note.remove();
    });
  }

  function show(a) {
    if (dismissed.has(String(a.id)) || box.querySelector('[data-id="' + a.id + '"]')) return;
    const note = document.createElement('div');
    note.className = 'notice announcement';
    note.dataset.id = String(a.id);
    note.setAttribute('role', 'status');
    const text = document.createElement('p');
    text.className = 'announcement-text';
    text.textContent = a.message;
    const from = document.createElement('p');
    from.className = 'meta';
    from.textContent = box.dataset.from.replace('AUTHOR', a.author) + ' · ' + a.workshopTitle;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'link-button dismiss';
    button.textContent = box.dataset.dismiss;
    note.append(text, from, button);
    box.prepend(note);
    wire(note);
  }

  box.querySelectorAll('.announcement').forEach(wire);
  const events = new EventSource('/api/workshops/announcements/events');
  events.onmessage = (message) => {
    const data = JSON.parse(message.data);
    if (data.type === 'open') {
      box.dataset.listening = 'true';
    } else if (data.type === 'announcement') {
      show(data);
    }
  };
})();
