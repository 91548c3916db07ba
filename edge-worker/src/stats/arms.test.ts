import { describe, expect, it } from 'vitest';
import { holdoutArm, parseArm, ruleHoldoutArm } from './arms.ts';

describe('parseArm', () => {
  it.each([
    ['hero:ski-search:ski-hero', { slot: 'hero', rule: 'ski-search', variant: 'ski-hero' }],
    ['hero:-:holdout', { slot: 'hero', rule: '-', variant: 'holdout' }],
    ['hero:mobile:-holdout', { slot: 'hero', rule: 'mobile', variant: '-holdout' }],
  ])('reads %s', (id, arm) => expect(parseArm(id)).toEqual({ arm: id, ...arm }));

  it.each(['hero', 'hero:x', ':a:b', 'a::b', 'a:b:', 'a:b:c:d', ''])('refuses %j', (id) => expect(parseArm(id)).toBeUndefined());

  it('names the holdout arms', () => {
    expect(holdoutArm('hero')).toBe('hero:-:holdout');
    expect(ruleHoldoutArm('hero', 'mobile')).toBe('hero:mobile:-holdout');
  });
});
