// What every script of the lab page shares: its texts from data-msg-* attributes (so both
// languages stay in the message bundles) and JSON calls to the service that turn a refusal into an
// Error carrying the service's own sentence.
window.MeshDojo = {
  /** msg('time-left') reads data-msg-time-left of the given element. */
  messages(element) {
    return (name) => element.dataset['msg' + name.replace(/(^|-)(\w)/g, (_, __, c) => c.toUpperCase())];
  },

  /**
   * The message for a count in the page's language: msg(name + '-one') or msg(name + '-other'),
   * as the language's plural rules pick, with COUNT-like placeholder replaced by the number.
   */
  plural(msg, name, count, placeholder) {
    const lang = document.documentElement.lang || 'en';
    const form = new Intl.PluralRules(lang).select(count) === 'one' ? 'one' : 'other';
    return msg(name + '-' + form).replace(placeholder, count);
  },

  /** A clock's text for a number of seconds: minutes:seconds, as the exam's countdown shows it. */
  clock(seconds) {
    return Math.floor(seconds / 60) + ':' + String(seconds % 60).padStart(2, '0');
  },

  /** A JSON call; body, when given, is sent as JSON. Resolves to the answer (null for 204). */
  async json(method, path, body) {
    const headers = { Accept: 'application/json' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const response = await fetch(path, {
      method,
      credentials: 'same-origin',
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const answer = response.status === 204 ? null : await response.json().catch(() => null);
    if (!response.ok) {
      throw new Error((answer && answer.error) || response.status + ' ' + response.statusText);
    }
    return answer;
  },
};
