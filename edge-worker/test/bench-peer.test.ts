import { GrowthBook } from '@growthbook/growthbook';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { growthbookPayload } from '../bench/growthbook-features.ts';
import { makeContexts } from '../bench/workload.ts';
import { compileRules } from '../src/engine/compile.ts';
import { decide } from '../src/engine/decide.ts';
import type { RulesFile } from '../src/rules/types.ts';
import { prepareRules } from '../src/rules/prepare.ts';
import { validateRules } from '../src/rules/validate.ts';

const file = JSON.parse(readFileSync(new URL('../../demo-site/rules.json', import.meta.url), 'utf8')) as RulesFile;

// The peer comparison of `npm run bench` is only fair if the translated features pick what
// decide picks; the benchmark checks one body, this checks the translation broadly.
describe('the benchmark GrowthBook translation of the demo rules', () => {
  it('picks the variant decide picks, holdout and caps included', () => {
    const valid = validateRules(file);
    expect(valid.ok).toBe(true);
    const compiled = compileRules(prepareRules(file), 'test');
    const payload = growthbookPayload(file) as never;
    const slots = Object.keys(file.slots);
    const contexts = makeContexts(3000);
    const kairos: string[] = [];
    const peer: string[] = [];
    contexts.forEach((context, i) => {
      // Vary what the workload leaves fixed, so every demo rule gets its chance.
      if (i % 4 === 0) Object.assign(context.utm, { medium: 'email', campaign: i % 8 === 0 ? 'winter-sale-week' : 'spring' });
      if (i % 6 === 0) context.conversions['purchase-ski'] = 1;
      const exposures = { visitor: { 'hero/returning-welcome': i % 5 } };
      const visitor = `visitor-${i}`;
      const d = decide(compiled, { visitor, slots, context, now: 0, exposures });
      const gb = new GrowthBook({ attributes: { ...context, id: visitor, exposures } }).initSync({ payload });
      for (const s of slots) {
        kairos.push(`${s}=${d[s]!.variant ?? '-'}`);
        peer.push(`${s}=${(gb.evalFeature(s).value as { id: string } | null)?.id ?? '-'}`);
      }
    });
    expect(peer).toEqual(kairos);
    // The sample reaches every variant of the file and the default of every slot.
    const seen = new Set(kairos);
    for (const [slot, def] of Object.entries(file.slots)) {
      for (const v of def.rules.flatMap((r) => r.variants)) expect(seen).toContain(`${slot}=${v.id}`);
      expect(seen).toContain(`${slot}=-`);
    }
  });
});
