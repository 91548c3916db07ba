import { describe, expect, it } from 'vitest';
import type { ContentNode } from '../protocol/index.ts';
import { ALLOWED_TAGS, isAllowedAttr } from '../language/html-policy.ts';
import { unsafeScheme, unsafeSrcset } from '../language/safe-url.ts';
import { MAX_HTML_DEPTH, sanitiseAttrs, sanitiseHtml } from './sanitise.ts';

/** Every element allow-listed, every attribute allowed for its element, every URL safe. */
function expectSafe(nodes: ContentNode[]): void {
  for (const node of nodes) {
    if ('t' in node) continue;
    expect(ALLOWED_TAGS.has(node.e), `<${node.e}> is not allow-listed`).toBe(true);
    for (const [name, value] of Object.entries(node.a ?? {})) {
      expect(isAllowedAttr(name, node.e) || (node.e === 'button' && name === 'type'), `${name} on <${node.e}>`).toBe(true);
      expect(name.startsWith('on')).toBe(false);
      if (name === 'href' || name === 'src' || name === 'cite') expect(unsafeScheme(value)).toBeNull();
      if (name === 'srcset') expect(unsafeSrcset(value)).toBeNull();
    }
    expectSafe(node.c ?? []);
  }
}

/** All text of a tree, to show that dropped code did not survive as an element. */
function tags(nodes: ContentNode[]): string[] {
  return nodes.flatMap((n) => ('t' in n ? [] : [n.e, ...tags(n.c ?? [])]));
}

describe('sanitiseHtml: classic XSS payloads are neutralised', () => {
  it.each([
    ['<img src=x onerror=alert(1)>', [{ e: 'img', a: { src: 'x' } }], 'removed attribute onerror on <img>'],
    ['<a href="jAvAsCrIpT:alert(1)">x</a>', [{ e: 'a', c: [{ t: 'x' }] }], 'removed javascript: URL in href on <a>'],
    ['<a href="java&#x09;script:alert(1)">x</a>', [{ e: 'a', c: [{ t: 'x' }] }], 'removed javascript: URL in href on <a>'],
    ['<a href="&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)">x</a>', [{ e: 'a', c: [{ t: 'x' }] }], 'removed javascript: URL in href on <a>'],
    ['<a href="javascript&colon;alert(1)">x</a>', [{ e: 'a', c: [{ t: 'x' }] }], 'removed javascript: URL in href on <a>'],
    ['<a href="&amp;#106;avascript:alert(1)">x</a>', [{ e: 'a', c: [{ t: 'x' }] }], 'removed javascript: URL in href on <a>'],
    ['<a href=" \x01javascript:alert(1)">x</a>', [{ e: 'a', c: [{ t: 'x' }] }], 'removed javascript: URL in href on <a>'],
    ['<a href="java\nscript:alert(1)">x</a>', [{ e: 'a', c: [{ t: 'x' }] }], 'removed javascript: URL in href on <a>'],
    ['<a href="vbscript:msgbox(1)">x</a>', [{ e: 'a', c: [{ t: 'x' }] }], 'removed vbscript: URL in href on <a>'],
    ['<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>', [{ e: 'a', c: [{ t: 'x' }] }], 'removed data: URL in href on <a>'],
    ['<img src="DATA:image/svg+xml,<svg onload=alert(1)>">', [{ e: 'img' }], 'removed data: URL in src on <img>'],
    ['<img srcset="/ok.png 1x, javascript:alert(1) 2x">', [{ e: 'img' }], 'removed javascript: URL in srcset on <img>'],
    ['<svg onload=alert(1)><circle/></svg>', [], 'removed <svg> element'],
    ['<svg><script>alert(1)</script></svg>', [], 'removed <svg> element'],
    ['<iframe src="javascript:alert(1)"></iframe>', [], 'removed <iframe> element'],
    ['<iframe srcdoc="<script>alert(1)</script>"></iframe>', [], 'removed <iframe> element'],
    ['<script>alert(1)</script>', [], 'removed <script> element'],
    ['<SCRIPT SRC=//evil.example/x.js></SCRIPT>', [], 'removed <script> element'],
    ['<style>@import "//evil.example/x.css";</style>', [], 'removed <style> element'],
    ['<p style="background:url(javascript:alert(1))">x</p>', [{ e: 'p', c: [{ t: 'x' }] }], 'removed attribute style on <p>'],
    ['<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>', [], 'removed <math> element'],
    ['<noscript><p title="</noscript><img src=x onerror=alert(1)>">', [], 'removed <noscript> element'],
    ['<svg><style><img src=x onerror=alert(1)></style></svg>', [], 'removed <svg> element'],
    ['<template><img src=x onerror=alert(1)></template>', [], 'removed <template> element'],
    ['<object data="javascript:alert(1)"></object>', [], 'removed <object> element'],
    ['<embed src="javascript:alert(1)">', [], 'removed <embed> element'],
    ['<meta http-equiv="refresh" content="0;url=javascript:alert(1)">', [], 'removed <meta> element'],
    ['<base href="javascript:alert(1)//">', [], 'removed <base> element'],
    ['<link rel=stylesheet href="//evil.example/x.css">', [], 'removed <link> element'],
    ['<details open ontoggle=alert(1)>x</details>', [{ t: 'x' }], 'removed <details> tag (kept its content)'],
    ['<xss onmouseover=alert(1)>x</xss>', [{ t: 'x' }], 'removed <xss> tag (kept its content)'],
    ['<!--<img src=x onerror=alert(1)>-->', [], 'removed comment'],
    ['<div data-kairos-slot="hero" data-track="a">x</div>', [{ e: 'div', a: { 'data-track': 'a' }, c: [{ t: 'x' }] }], 'removed attribute data-kairos-slot on <div>'],
  ])('%s', (html, nodes, removal) => {
    const out = sanitiseHtml(html);
    expect(out.nodes).toEqual(nodes);
    expect(out.removed).toContain(removal);
    expectSafe(out.nodes);
  });

  it('drops a form but keeps its text, and a button cannot submit or carry a form action', () => {
    const out = sanitiseHtml('<form action="javascript:alert(1)"><p>Sign up</p><input type=submit><button formaction="javascript:alert(1)" type=submit>Go</button></form>');
    expect(out.nodes).toEqual([{ e: 'p', c: [{ t: 'Sign up' }] }, { e: 'button', a: { type: 'button' }, c: [{ t: 'Go' }] }]);
    expect(out.removed).toEqual([
      'removed <form> tag (kept its content)',
      'removed <input> element',
      'removed attribute formaction on <button>',
      'removed attribute type on <button>',
    ]);
  });

  it('keeps a split-tag trick as inert text', () => {
    const out = sanitiseHtml('<scr<script>ipt>alert(1)</script>');
    expect(tags(out.nodes)).toEqual([]);
    expectSafe(out.nodes);
  });

  it('unwraps a whole document down to its content', () => {
    const out = sanitiseHtml('<!doctype html><html><body onload=alert(1)><p>Hi &amp; <b>there</b></p></body></html>');
    expect(out.nodes).toEqual([{ e: 'p', c: [{ t: 'Hi & ' }, { e: 'b', c: [{ t: 'there' }] }] }]);
  });
});

describe('sanitiseHtml: ordinary content survives', () => {
  it('keeps the PRODUCT.md example', () => {
    expect(sanitiseHtml('<h2>Fresh powder this week</h2>')).toEqual({ nodes: [{ e: 'h2', c: [{ t: 'Fresh powder this week' }] }], removed: [] });
  });

  it('keeps links, images, pictures, lists and allowed attributes', () => {
    const html =
      '<a href="/ski?utm=1" title="Skis" class="cta" aria-label="Skis" data-sku="1">Skis</a>' +
      '<a href="mailto:shop@example.com">Mail</a><a href="tel:+4930123">Call</a><a href="#top">Top</a>' +
      '<picture><source srcset="/a.webp 1x, /a@2x.webp 2x" type="image/webp"><img src="https://cdn.example/a.png" alt="A" width="10" height="10" loading="lazy"></picture>' +
      '<ul><li>One</li><li>Two</li></ul>';
    const out = sanitiseHtml(html);
    expect(out.removed).toEqual([]);
    expect(tags(out.nodes)).toEqual(['a', 'a', 'a', 'a', 'picture', 'source', 'img', 'ul', 'li', 'li']);
    expect(out.nodes[0]).toEqual({
      e: 'a', a: { href: '/ski?utm=1', title: 'Skis', class: 'cta', 'aria-label': 'Skis', 'data-sku': '1' }, c: [{ t: 'Skis' }],
    });
  });

  it('leaves tokens as text and decodes entities into text (the SDK sets textContent)', () => {
    expect(sanitiseHtml('<p>Hello {{geo.country}} &lt;b&gt;</p>').nodes).toEqual([{ e: 'p', c: [{ t: 'Hello {{geo.country}} <b>' }] }]);
    expect(sanitiseHtml('<a href="/s?q={{utm.term}}">x</a>').nodes).toEqual([{ e: 'a', a: { href: '/s?q={{utm.term}}' }, c: [{ t: 'x' }] }]);
  });

  it('adds rel="noopener noreferrer" to target=_blank links, keeping other rel tokens', () => {
    expect(sanitiseHtml('<a href="https://x.example" target="_blank" rel="nofollow">x</a>').nodes[0]).toEqual({
      e: 'a', a: { href: 'https://x.example', target: '_blank', rel: 'nofollow noopener noreferrer' }, c: [{ t: 'x' }],
    });
  });

  it('counts repeated removals instead of repeating them', () => {
    expect(sanitiseHtml('<b onclick=a>1</b><b onclick=b>2</b>').removed).toEqual(['removed attribute onclick on <b> (2 times)']);
  });

  it('bounds nesting depth', () => {
    const deep = '<div>'.repeat(MAX_HTML_DEPTH + 5) + 'x';
    const out = sanitiseHtml(deep);
    expect(out.removed).toEqual([`removed elements nested deeper than ${MAX_HTML_DEPTH}`]);
    let depth = 0;
    for (let n: ContentNode | undefined = out.nodes[0]; n && !('t' in n); n = n.c?.[0]) depth++;
    expect(depth).toBe(MAX_HTML_DEPTH);
  });
});

describe('sanitiseAttrs (a variant\'s attrs, set on the slot element)', () => {
  it('applies the same attribute and URL rules', () => {
    expect(
      sanitiseAttrs({ href: ' JaVaScRiPt:alert(1)', class: 'promo', onclick: 'x()', style: 'color:red', 'data-kairos-slot': 'other', Title: 'T' }),
    ).toEqual({
      attrs: { class: 'promo', title: 'T' },
      removed: [
        'removed javascript: URL in href on the slot element',
        'removed attribute onclick on the slot element',
        'removed attribute style on the slot element',
        'removed attribute data-kairos-slot on the slot element',
      ],
    });
  });

  it('keeps safe URLs and protects target=_blank', () => {
    expect(sanitiseAttrs({ href: 'https://shop.example/ski', target: '_blank' })).toEqual({
      attrs: { href: 'https://shop.example/ski', target: '_blank', rel: 'noopener noreferrer' },
      removed: [],
    });
    expect(sanitiseAttrs({ src: '/img/{{page.type}}.png' }).attrs).toEqual({ src: '/img/{{page.type}}.png' });
  });

  it('decodes character references before checking a scheme', () => {
    expect(sanitiseAttrs({ href: 'javascript&#58;alert(1)' }).attrs).toEqual({});
    expect(sanitiseAttrs({ href: '&#x6A;avascript:alert(1)' }).attrs).toEqual({});
  });
});

describe('unsafeScheme', () => {
  it.each(['https://a.example', 'http://a.example', '//cdn.example/x', '/path:with-colon', '?q=a:b', '#x:y', 'mailto:a@b.example', 'tel:+1', 'img.png', ''])(
    'accepts %s',
    (url) => expect(unsafeScheme(url)).toBeNull(),
  );
  it.each([['javascript:x', 'javascript'], ['JAVASCRIPT:x', 'javascript'], ['ja\tvascript:x', 'javascript'], ['file:///etc', 'file'], ['blob:x', 'blob']])(
    'rejects %s',
    (url, scheme) => expect(unsafeScheme(url)).toBe(scheme),
  );
});
