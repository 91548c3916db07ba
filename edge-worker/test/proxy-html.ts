import { Parser } from 'htmlparser2';
import type { EdgeDecision } from '../src/proxy/decision-attr.ts';

/** The attributes of the first element whose `data-kairos-slot` is `slot`, decoded as a browser's HTML parser decodes them. */
export function slotAttrs(html: string, slot: string): Record<string, string> | undefined {
  let found: Record<string, string> | undefined;
  const parser = new Parser({ onopentag(_name, attrs) {
    if (!found && attrs['data-kairos-slot'] === slot) found = attrs;
  } });
  parser.write(html);
  parser.end();
  return found;
}

/** The slot's `data-kairos-decision`, parsed; fails the test when it is missing. */
export function edgeDecision(html: string, slot: string): EdgeDecision {
  const raw = slotAttrs(html, slot)?.['data-kairos-decision'];
  if (raw === undefined) throw new Error(`slot "${slot}" has no data-kairos-decision in:\n${html}`);
  return JSON.parse(raw) as EdgeDecision;
}
