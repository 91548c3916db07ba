import { describe, expect, it } from 'vitest';
import { compileCondition } from './conditions.ts';
import { firstMiss } from './explain-condition.ts';
import { compilePattern } from '../language/regex/compile-regex.ts';

const ctx = { device: { type: 'desktop' }, utm: { term: 'ski boots' }, referrer: { type: 'search' } };

describe('firstMiss', () => {
  it('returns the first top-level field that fails, in the order written, with the context value', () => {
    expect(firstMiss({ 'referrer.type': 'search', 'device.type': 'mobile', 'utm.term': 'x' }, ctx, { regex: compilePattern })).toEqual({
      key: 'device.type', wanted: 'mobile', value: 'desktop', isField: true,
    });
  });

  it('returns null when every entry holds, as the whole condition does', () => {
    const when = { 'referrer.type': 'search', 'utm.term': { $regex: 'ski' } };
    expect(compileCondition(when)(ctx)).toBe(true);
    expect(firstMiss(when, ctx, { regex: compilePattern })).toBeNull();
  });

  it('gives no value for a field the context lacks, and none for a top-level operator', () => {
    expect(firstMiss({ 'geo.country': 'CH' }, ctx, { regex: compilePattern })).toEqual({ key: 'geo.country', wanted: 'CH', value: undefined, isField: true });
    const or = { $or: [{ 'device.type': 'mobile' }, { 'device.type': 'tablet' }] };
    expect(firstMiss(or, ctx, { regex: compilePattern })).toEqual({ key: '$or', wanted: or.$or, isField: false });
  });

  it('reads $groups as the names of the audiences the context matches', () => {
    const audiences = { searchers: compileCondition({ 'referrer.type': 'search' }), mobile: compileCondition({ 'device.type': 'mobile' }) };
    const when = { $groups: { $elemMatch: { $eq: 'mobile' } } };
    expect(firstMiss(when, ctx, { audiences, regex: compilePattern })).toEqual({ key: '$groups', wanted: when.$groups, value: ['searchers'], isField: true });
  });
});
