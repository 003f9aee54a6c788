// Model output is untrusted: markdown is rendered to HTML, then DOMPurify keeps only safe markup
// (no script, no event handlers, no javascript: URLs) before it reaches the page.
import { marked, DOMPurify, unsafeHTML } from './lib.js';

marked.setOptions({ gfm: true, breaks: false });

DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});

export function safeMarkdown(text) {
  const rendered = marked.parse(text ?? '', { async: false });
  return DOMPurify.sanitize(rendered, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input'], FORBID_ATTR: ['style'] });
}

export function markdown(text) {
  return unsafeHTML(safeMarkdown(text));
}
