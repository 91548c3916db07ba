import { describe, expect, it } from 'vitest';
import type { Content, ElementNode } from '../protocol/index.ts';
import { compileFiller } from './tokens.ts';
import { tokenFields } from '../language/tokens.ts';

const ctx = { utm: { term: 'ski boots', content: 'javascript:alert(1)' }, page: { path: '/p' }, visitor: { sessions: 3 } };

describe('compileFiller', () => {
  it('is undefined for content without tokens', () => {
    expect(compileFiller({ nodes: [{ e: 'p', a: { class: 'x' }, c: [{ t: 'plain' }] }], attrs: { class: 'hero' } })).toBeUndefined();
  });

  it('fills text and attribute tokens, several per string, and keeps static nodes as the same objects', () => {
    const staticNode: ElementNode = { e: 'h2', c: [{ t: 'Fresh powder' }] };
    const content: Content = {
      nodes: [{ e: 'p', c: [{ t: 'You searched “{{utm.term}}” on {{ page.path }}, visit {{visitor.sessions}}' }] }, staticNode],
      attrs: { class: 'hero', 'data-term': '{{utm.term}}' },
    };
    const filled = compileFiller(content)!(ctx);
    expect(filled).toEqual({
      nodes: [{ e: 'p', c: [{ t: 'You searched “ski boots” on /p, visit 3' }] }, staticNode],
      attrs: { class: 'hero', 'data-term': 'ski boots' },
    });
    expect(filled.nodes![1]).toBe(staticNode);
  });

  it('fills missing, object and forbidden paths with nothing', () => {
    const f = compileFiller({ nodes: [{ t: '[{{utm.nope}}|{{utm}}|{{__proto__.x}}|{{page.constructor}}]' }] })!;
    expect(f(ctx).nodes).toEqual([{ t: '[|||]' }]);
  });

  it('checks URL attributes again after filling, and only those with tokens', () => {
    const f = compileFiller({ nodes: [{ e: 'a', a: { href: '{{utm.content}}', title: '{{utm.content}}' }, c: [{ t: 'go' }] }] })!;
    expect((f(ctx).nodes![0] as ElementNode).a).toEqual({ href: '#', title: 'javascript:alert(1)' });
    const ok = compileFiller({ nodes: [{ e: 'a', a: { href: '/c/{{utm.term}}' } }] })!;
    expect((ok(ctx).nodes![0] as ElementNode).a).toEqual({ href: '/c/ski boots' });
  });

  it('bounds each value', () => {
    const f = compileFiller({ nodes: [{ t: '{{utm.term}}' }] })!;
    expect(f({ utm: { term: 'x'.repeat(1000) } }).nodes).toEqual([{ t: 'x'.repeat(256) }]);
  });

  it('agrees with tokenFields on what a string reads', () => {
    expect(tokenFields('a {{utm.term}} b {{ page.path }}')).toEqual(['utm.term', 'page.path']);
  });
});
