"""Static CSS and the one piece of page script (copy citation), as strings.

Gradio 6 takes css/head at ``launch()``; ``ui.app.launch`` passes these.
"""
from __future__ import annotations

CSS = """
.gradio-container { max-width: 1320px !important; width: 100% !important; margin: 0 auto !important; }
/* answers use the chat's full width even when short (bubble layout sizes to content) */
#pq-chat .message-row.bot-row { width: calc(100% - 60px); }
#pq-chat .bot-row .flex-wrap, #pq-chat .bot-row .message { width: 100%; max-width: 100%; }
#pq-send { white-space: nowrap; }
#pq-header { padding: 4px 2px 0 2px; }
#pq-header h1 { font-size: 1.4rem; margin: 0; letter-spacing: .02em; }
#pq-header .pq-h-en { font-weight: 400; font-size: .8em; color: var(--body-text-color-subdued); }
#pq-header .pq-plan { font-weight: 600; font-size: .95rem; margin-left: 14px; color: #7a1c1f; }
.dark #pq-header .pq-plan { color: #f2a7a9; }
#pq-header .pq-sub { color: var(--body-text-color-subdued); font-size: .84rem; margin-top: 2px; }
#pq-header .pq-sub-en { margin-left: 10px; }
.pq-side h3, .pq-side-title { font-size: .95rem; margin: 4px 0; }
#pq-outline { max-height: 360px; overflow-y: auto; }
#pq-outline td, #pq-examples td { text-align: left !important; padding: 3px 8px !important;
  font-size: .86rem; white-space: pre-wrap; }

.pq-user { white-space: normal; word-break: break-word; }
.pq-answer { line-height: 1.65; }
.pq-lead { font-size: 1.02rem; font-weight: 600; margin: 0 0 .45em 0;
  border-left: 4px solid #b4232a; padding: 2px 0 2px 10px; }
.pq-resolved { font-size: .82rem; color: var(--body-text-color-subdued);
  background: var(--background-fill-secondary); border-radius: 6px; padding: 2px 8px; margin: 0 0 .5em 0;
  display: inline-block; }
.pq-en-inline { font-size: .9em; opacity: .8; }
.pq-note { font-size: .8rem; color: #9a6700; margin: 0 0 .35em 0; }
.pq-excerpt { border: 1px solid var(--border-color-primary); border-radius: 8px; margin: .35em 0;
  background: var(--background-fill-primary); }
.pq-excerpt > summary { cursor: pointer; padding: 5px 10px; list-style-position: inside;
  font-size: .88rem; }
.pq-excerpt[open] > summary { border-bottom: 1px dashed var(--border-color-primary); }
.pq-n { display: inline-block; min-width: 1.3em; height: 1.3em; line-height: 1.3em; text-align: center;
  border-radius: 50%; background: #b4232a; color: #fff; font-size: .72rem; margin-right: 6px; }
.pq-cite { font-weight: 600; color: #7a1c1f; margin-right: 6px; }
.dark .pq-cite { color: #f2a7a9; }
.pq-snippet { color: var(--body-text-color-subdued); }
.pq-excerpt[open] .pq-snippet { display: none; }
.pq-text { margin: 6px 12px !important; padding: 0 0 0 10px !important;
  border-left: 3px solid var(--border-color-primary) !important; font-size: .93rem; }
.pq-answer mark { background: #fff1a8; color: inherit; padding: 0 1px; border-radius: 2px; }
.dark .pq-answer mark { background: #6b5a00; }
.pq-actions { text-align: right; padding: 0 10px 6px 0; }
.pq-copy { font-size: .78rem; border: 1px solid var(--border-color-primary); border-radius: 6px;
  padding: 1px 9px; background: var(--background-fill-secondary); cursor: pointer; }
.pq-cite-src { display: none !important; }
.pq-copy:hover { border-color: #b4232a; }
.pq-copy.pq-copied { border-color: #2e7d32; color: #2e7d32; }
.pq-abstain { border: 1px solid #e0b4b4; background: #fff6f6; border-radius: 8px; padding: 8px 12px; }
.dark .pq-abstain { background: #3a1f1f; border-color: #7a3b3b; }
.pq-abstain-msg { margin: 0; }
.pq-en { display: block; font-size: .8rem; color: var(--body-text-color-subdued); font-weight: normal; }
.pq-suggest-h, .pq-near { font-size: .85rem; margin: .5em 0 .1em 0; color: var(--body-text-color-subdued); }
.pq-suggest { margin: 0 0 0 1.2em; font-size: .9rem; }
.pq-outline { margin: .2em 0 .4em 0; padding-left: 1.1em; font-size: .92rem; }
.pq-outline .pq-l2 { margin-left: 1.2em; }
.pq-outline .pq-l3 { margin-left: 2.4em; }
.pq-page { color: var(--body-text-color-subdued); font-size: .8rem; }
.pq-notice { border-radius: 8px; padding: 6px 10px; background: #fff8e1; border: 1px solid #f0d58a; }
.dark .pq-notice { background: #3a3220; border-color: #7a6a3b; }
.pq-notice.pq-error { background: #fff0f0; border-color: #e0b4b4; }
.pq-notice.pq-ok { background: #f0faf1; border-color: #a8d5ad; }
.dark .pq-notice.pq-error { background: #3a1f1f; border-color: #7a3b3b; }
.dark .pq-notice.pq-ok { background: #1f3a22; border-color: #3b7a44; }
#pq-status { font-size: .85rem; }
.pq-suggest { list-style: none; margin-left: 0 !important; padding-left: 0; }
.pq-suggest li { margin: 3px 0; }
.pq-ask { font-size: .88rem; text-align: left; border: 1px solid var(--border-color-primary); border-radius: 14px;
  padding: 2px 12px; background: var(--background-fill-secondary); cursor: pointer; color: inherit; }
.pq-ask:hover, .pq-ask:focus { border-color: #b4232a; }
.pq-map { color: var(--body-text-color-subdued); }
/* wide screens: outline on the left, although the conversation comes first in the page */
@media (min-width: 769px) { #pq-side-col { order: -1; } }
/* phones: conversation and input first, within one screen; outline and examples follow, collapsible */
@media (max-width: 768px) {
  #pq-header h1 { font-size: 1.1rem; }
  #pq-header .pq-plan { display: block; margin-left: 0; font-size: .85rem; }
  #pq-header .pq-sub-en { display: none; }
  #pq-chat { height: calc(100svh - 250px) !important; min-height: 260px; max-height: 560px; }
  #pq-chat-col, #pq-side-col { min-width: 100% !important; }
  #pq-outline { max-height: 50vh; }
}
"""

# Delegated click handler: the chat re-renders messages, so listen on document.
HEAD = """
<script>
(function () {
  if (window.__pqCopyInstalled) { return; }
  window.__pqCopyInstalled = true;
  function fallbackCopy(text) {
    var ta = document.createElement('textarea');
    ta.value = text; ta.setAttribute('readonly', '');
    ta.style.position = 'fixed'; ta.style.opacity = '0';
    document.body.appendChild(ta); ta.select();
    var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    return ok;
  }
  function done(btn, ok) {
    var old = btn.getAttribute('data-label') || btn.textContent;
    btn.setAttribute('data-label', old);
    btn.textContent = ok ? '已复制 · copied' : '复制失败 · copy failed';
    btn.classList.toggle('pq-copied', ok);
    setTimeout(function () { btn.textContent = old; btn.classList.remove('pq-copied'); }, 1600);
  }
  // a suggested question is a button: put it in the input and ask it
  function ask(text) {
    var input = document.querySelector('#pq-input textarea, #pq-input input');
    var send = document.querySelector('#pq-send');
    if (!input || !send) { return; }
    input.value = text;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    setTimeout(function () { send.click(); }, 50);
  }
  // screen readers: a chat message's label is its text, not its markup
  function plainLabels(root) {
    var nodes = (root || document).querySelectorAll('[aria-label*="<"]');
    for (var i = 0; i < nodes.length; i++) {
      var n = nodes[i];
      var label = n.getAttribute('aria-label');
      var who = /^user/i.test(label) ? '问 · question: ' : '答 · answer: ';
      // the label holds the message's markup: read it as text (DOMParser runs no script)
      var doc = new DOMParser().parseFromString(label.slice(label.indexOf('<')), 'text/html');
      doc.querySelectorAll('.pq-cite-src, .pq-copy').forEach(function (e) { e.remove(); });
      var text = (doc.body.textContent || '').replace(/\\s+/g, ' ').trim();
      n.setAttribute('aria-label', who + (text.length > 300 ? text.slice(0, 300) + '…' : text));
    }
  }
  new MutationObserver(function () { plainLabels(document); })
    .observe(document.documentElement, { subtree: true, childList: true, attributes: true,
                                         attributeFilter: ['aria-label'] });
  document.addEventListener('click', function (ev) {
    var el = ev.target;
    var sugg = el && el.closest ? el.closest('.pq-ask') : null;
    if (sugg) { ev.preventDefault(); ev.stopPropagation(); ask(sugg.textContent); return; }
    var btn = el && el.closest ? el.closest('.pq-copy') : null;
    if (!btn) { return; }
    ev.preventDefault(); ev.stopPropagation();
    // the citation sits, as escaped text, in a hidden sibling (the chat's
    // sanitizer strips data-* attributes, so it cannot ride on the button)
    var box = btn.closest('.pq-actions');
    var src = box ? box.querySelector('.pq-cite-src') : null;
    var text = src ? src.textContent : '';
    window.__pqLastCopied = text;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { done(btn, true); },
        function () { done(btn, fallbackCopy(text)); });
    } else {
      done(btn, fallbackCopy(text));
    }
  }, true);
})();
</script>
"""
