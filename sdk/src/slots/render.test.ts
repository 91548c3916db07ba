import { describe, expect, it } from 'vitest';
import { TAG, attrOk } from './render';

// The DOM building itself is tested in Chromium (test/browser/render.spec.ts).
describe('allow-lists', () => {
  it.each(['p', 'a', 'h2', 'img', 'strong', 'ul', 'li', 'table', 'td', 'button', 'picture', 'source', 'br', 'hr', 'section'])('tag %s is built', (t) => {
    expect(TAG.test(t)).toBe(true);
  });
  it.each(['script', 'style', 'iframe', 'object', 'embed', 'svg', 'math', 'template', 'form', 'input', 'link', 'meta', 'base', 'frame', 'noscript', 'my-widget', 'P', 'a b', 'scripts'])(
    'tag %s is not',
    (t) => {
      expect(TAG.test(t)).toBe(false);
    },
  );
  it.each([
    ['href', '/cart'],
    ['href', 'https://shop.example/x?y=1'],
    ['href', 'mailto:a@b.c'],
    ['src', 'img/a.png'],
    ['srcset', 'a.png 1x, b.png 2x'],
    ['class', 'promo big'],
    ['alt', 'Data: 50% off'],
    ['aria-label', 'x'],
    ['data-sku', '1'],
  ])('%s=%j is set', (n, v) => {
    expect(attrOk(n, v)).toBe(true);
  });
  it.each([
    ['onclick', 'x()'],
    ['onerror', 'x()'],
    ['style', 'color:red'],
    ['srcdoc', '<p>'],
    ['formaction', '/x'],
    ['href', 'javascript:alert(1)'],
    ['href', 'JavaScript:alert(1)'],
    ['href', ' java\tscript:alert(1)'],
    ['href', 'java\nscript:alert(1)'],
    ['src', 'data:text/html,<script>'],
    ['href', 'vbscript:x'],
    ['srcset', 'a.png 1x, javascript:x 2x'],
    ['data-kairos-slot', 'hero'],
    ['data-kairos-goal', 'buy'],
  ])('%s=%j is refused', (n, v) => {
    expect(attrOk(n, v)).toBe(false);
  });
});
