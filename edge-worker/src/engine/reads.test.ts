import { describe, expect, it } from 'vitest';
import { compileCondition } from './conditions.ts';
import { cachedPathThen, Reads } from './reads.ts';

describe('Reads', () => {
  it('reads a field once per evaluation and again in the next one', () => {
    const reads = new Reads();
    let gets = 0;
    const ctx = { get n() { gets++; return 1; } };
    const a = compileCondition({ n: 1 }, { reads });
    const b = compileCondition({ n: { $gte: 1 } }, { reads });
    const mode = reads.enter(ctx);
    expect([a(ctx), b(ctx), a(ctx)]).toEqual([true, true, true]);
    reads.leave(mode);
    expect(gets).toBe(1);
    const again = reads.enter(ctx);
    a(ctx);
    reads.leave(again);
    expect(gets).toBe(2);
  });

  it('never shares values outside an evaluation: a caller may change the context between two', () => {
    const reads = new Reads();
    const m = compileCondition({ 'device.type': 'mobile' }, { reads });
    const ctx = { device: { type: 'mobile' } };
    expect(m(ctx)).toBe(true);
    ctx.device.type = 'desktop';
    expect(m(ctx)).toBe(false);
    const mode = reads.enter(ctx);
    expect(m(ctx)).toBe(false);
    reads.leave(mode);
    ctx.device.type = 'mobile';
    const next = reads.enter(ctx);
    expect(m(ctx)).toBe(true);
    reads.leave(next);
  });

  it('reads other objects (another context, an $elemMatch element) as they are', () => {
    const reads = new Reads();
    const m = compileCondition({ a: 1, views: { $elemMatch: { a: 2 } } }, { reads });
    const ctx = { a: 1, views: [{ a: 2 }] };
    const mode = reads.enter(ctx);
    expect(m(ctx)).toBe(true);
    expect(m({ a: 2, views: [{ a: 2 }] })).toBe(false);
    expect(m({ a: 1, views: [{ a: 1 }] })).toBe(false);
    reads.leave(mode);
  });

  it('lets a nested evaluation of another context interrupt one, which then reads again', () => {
    const reads = new Reads();
    const read = cachedPathThen(reads, 'x', (v) => v);
    const outer = { x: 'outer' };
    const inner = { x: 'inner' };
    const a = reads.enter(outer);
    expect(read(outer)).toBe('outer');
    const b = reads.enter(inner);
    reads.leave(reads.enter(inner)); // joins the open evaluation: leaving it closes nothing
    expect(reads.ctx).toBe(inner);
    expect(read(inner)).toBe('inner');
    expect(read(outer)).toBe('outer');
    reads.leave(b);
    expect(read(outer)).toBe('outer');
    expect(read(inner)).toBe('inner');
    reads.leave(a);
    expect(reads.ctx).not.toBe(outer);
  });
});
