// Colours the lesson's code blocks; the page reads fine without it.
if (window.hljs) {
  window.hljs.highlightAll();
}
