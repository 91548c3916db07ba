// Agreement of deriveDevice with Matomo device-detector on the shipped corpus
// (test/fixtures/device-corpus.json, made by scripts/gen-device-corpus.mjs; sources in
// test/fixtures/NOTICE.md). The floors are the figures measured when the classifier last
// changed, rounded down: a change that makes agreement worse fails here.
import { describe, expect, it } from 'vitest';
import corpus from './fixtures/device-corpus.json' with { type: 'json' };
import { deriveDevice } from '../src/context/device.ts';

type Row = [ua: string, type: string, os: string, browser: string];
const sources = corpus.sources as unknown as Record<string, Row[]>;
const rows = Object.values(sources).flat();

/** Share of `list` where `pick` of our answer equals `want` of the row. */
function agreement(list: Row[], field: 'type' | 'os' | 'browser'): number {
  const col = { type: 1, os: 2, browser: 3 }[field];
  const hits = list.filter((r) => deriveDevice({ ua: r[0] })[field] === r[col]).length;
  return hits / list.length;
}

describe('device classification against Matomo device-detector', () => {
  it('ships a corpus of real UA strings of every type', () => {
    expect(rows.length).toBeGreaterThan(1800);
    const types = new Set(rows.map((r) => r[1]));
    expect([...types].sort()).toEqual(['bot', 'desktop', 'mobile', 'tablet', 'tv']);
  });

  it('agrees on the device type of at least 96.5 % of the corpus', () => {
    expect(agreement(rows, 'type')).toBeGreaterThanOrEqual(0.965);
  });

  // Most desktop disagreements are headless browsers and scanners that isbot calls bots and
  // Matomo calls desktops; most tv ones are Android TV boxes that only Matomo's model list knows.
  it.each([
    ['desktop', 0.9],
    ['mobile', 0.99],
    ['tablet', 0.9],
    ['tv', 0.8],
    ['bot', 0.96],
  ])('agrees on %s UAs (floor %s)', (type, floor) => {
    expect(agreement(rows.filter((r) => r[1] === type), 'type')).toBeGreaterThanOrEqual(floor);
  });

  it('agrees on real traffic (the user-agents sample) for at least 99.5 %', () => {
    expect(agreement(sources.traffic!, 'type')).toBeGreaterThanOrEqual(0.995);
  });

  it('agrees on OS and browser for at least 97 % of the non-bot UAs', () => {
    const people = rows.filter((r) => r[1] !== 'bot');
    expect(agreement(people, 'os')).toBeGreaterThanOrEqual(0.99);
    expect(agreement(people, 'browser')).toBeGreaterThanOrEqual(0.97);
  });
});
