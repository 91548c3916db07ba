// The model-name rules of parseUserAgent, both ways: what they must catch, and phone and
// tablet models that look alike and must keep their type. The Matomo corpus
// (test/device-corpus.test.ts) measures agreement; these pin the reasons for it.
import { describe, expect, it } from 'vitest';
import { parseUserAgent } from './user-agent.ts';

/** A Chrome UA for an Android device named `model`, with or without the `Mobile` token. */
const android = (model: string, mobile = true): string =>
  `Mozilla/5.0 (Linux; Android 11; ${model}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 ${mobile ? 'Mobile ' : ''}Safari/537.36`;

describe('parseUserAgent on Android model names', () => {
  it.each([
    ['a panel named by its size and 5 letters', 'tv', android('TQ65UFBHV1 Build/RP1A.200720.011; wv')],
    ['a panel named by its size and 4 letters', 'tv', android('32H600GU Build/NMF26Q; wv')],
    ['a model naming a 4K picture', 'tv', android('TOUCAN NANO 4K', false)],
    ['a model naming an 8K picture', 'tv', android('Solo 8K Build/RD2A.211001.002')],
    ['a model naming a TV and its size', 'tv', android('TDTV65BS06U')],
    ['a box model with a suffix', 'tv', android('ViBox_V2_Pro Build/KTU84Q', false)],
    ['a Huawei Wi-Fi-only model', 'tablet', android('KOB2-W09HN; HMSCore 6.1.0.314')],
  ])('takes %s for a %s', (_name, type, ua) => {
    expect(parseUserAgent(ua).type).toBe(type);
  });

  it.each([
    // Sizes and letters in the places a panel has them, but a digit where a panel has letters.
    ['SM-A325F'],
    ['MZB8746IN'],
    ['24069RA21C'],
    ['2312DRAABC'],
    ['HUAWEI MT2-L05'],
    ['ELE-L29'],
    ['Telenor_Smart_4G'],
    ['Redmi Note 8 Pro'],
    ['Armor 25T Pro'],
  ])('keeps the phone %s mobile', (model) => {
    expect(parseUserAgent(android(model)).type).toBe('mobile');
  });

  it('keeps Android tablets without a marker tablets', () => {
    expect(parseUserAgent(android('SM-X710', false)).type).toBe('tablet');
    expect(parseUserAgent(android('Lenovo TB-X605F', false)).type).toBe('tablet');
  });

  it('takes no other -W or -L model code for a Wi-Fi-only tablet', () => {
    expect(parseUserAgent(android('SM-W2019')).type).toBe('mobile');
    expect(parseUserAgent(android('CLT-L29')).type).toBe('mobile');
  });
});
