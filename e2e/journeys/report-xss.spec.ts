// Stored XSS and CSV injection through the report: every string a client can send in
// events (slot, rule and variant inside reason ids, goals), and every free-text name of a
// rules file (goal names), rendered by /report in Chromium → nothing runs (no dialog,
// window.__xss stays unset, no element or attribute that could run script), the payload
// shows as text; and in /v1/report.csv no cell can start a formula (OWASP CSV injection),
// whether a spreadsheet splits at `,`, `;` or tab.
import type { APIRequestContext, Page } from '@playwright/test';
import { parseCsv, startsFormula, undefused } from '../../edge-worker/test/csv.ts';
import { expect, test } from '../fixtures/index.ts';

const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

/** Markup that runs script if written unescaped; no whitespace or `:`, so each is a valid part of a reason id today. */
const MARKUP = [
  '<img/src=x/onerror=window.__xss=1>',
  '"><svg/onload=window.__xss=2>',
  "'><svg/onload=window.__xss=3>",
  '</script><script>window.__xss=4</script>',
  '</title></style></textarea><img/src=x/onerror=window.__xss=5>',
  '<a/href=javascript&#58;window.__xss=6>link</a>',
  '<iframe/srcdoc=&lt;script&gt;parent.__xss=7&lt;/script&gt;>',
  '<svg><script>window.__xss=8</script></svg>',
  '<math><mtext><table><mglyph><style><img/src=x/onerror=window.__xss=9>',
];
/** Formulas, also valid in a reason id. */
const FORMULAS = ['=1+1', '+1+1', '-1+1', '@SUM(1+1)', '=HYPERLINK("//evil.example","x")', "=cmd|'/Ccalc'!A0", 'a;=1+1', 'a,=1+1'];
/** Goal names are free text: whitespace, `:` and line breaks too. */
const GOALS = [
  ...MARKUP,
  ...FORMULAS,
  '<img src=x onerror="window.__xss=10">',
  'javascript:window.__xss=11',
  '" autofocus onfocus="window.__xss=12" x="',
  "' onmouseover='window.__xss=13",
  '\t=1+1',
  '\r=1+1',
  'x\n=1+1',
  'a\t@SUM(1)',
];

/** Opens `url` and checks nothing of the page can run script: no dialog, no `window.__xss`, no dangerous element or attribute. */
async function expectInert(page: Page, url: string): Promise<void> {
  const dialogs: string[] = [];
  page.on('dialog', (d) => void (dialogs.push(`${d.type()}: ${d.message()}`), d.dismiss().catch(() => {})));
  const res = await page.goto(url);
  expect(res?.status(), url).toBe(200);
  // Two frames after load: an image's onerror, an svg's onload and an autofocus have had their turn.
  await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss), `window.__xss on ${url}`).toBeUndefined();
  expect(dialogs, `dialogs on ${url}`).toEqual([]);
  const dangerous = await page.evaluate(() =>
    [...document.querySelectorAll('*')].flatMap((el) => {
      const out: string[] = [];
      if (/^(script|iframe|frame|object|embed|img|image|form|base|meta|link)$/i.test(el.localName) && !(el.localName === 'meta' || (el.localName === 'link' && el.getAttribute('rel') === 'icon'))) out.push(`<${el.localName}>`);
      for (const a of el.attributes) {
        if (/^on/i.test(a.name) || a.name === 'srcdoc' || a.name === 'autofocus') out.push(`${el.localName}[${a.name}]`);
        if (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) && /^\s*(javascript|data|vbscript):/i.test(a.value) && a.value !== 'data:,') out.push(`${el.localName}[${a.name}=${a.value}]`);
      }
      return out;
    }),
  );
  expect(dangerous, `elements and attributes that could run script on ${url}`).toEqual([]);
}

/** Checks the CSV at `url`: same columns on every row, no formula at the start of any cell whatever the separator; returns the rows. */
async function expectInertCsv(request: APIRequestContext, url: string): Promise<string[][]> {
  const res = await request.get(url);
  expect(res.status(), url).toBe(200);
  expect(res.headers()['content-type']).toMatch(/^text\/csv/);
  const csv = await res.text();
  const rows = parseCsv(csv);
  expect(rows.filter((r) => r.length !== rows[0]!.length), 'rows whose column count differs from the header').toEqual([]);
  for (const sep of [',', ';', '\t']) expect(parseCsv(csv, sep).flat().filter(startsFormula), `cells starting a formula when split at ${JSON.stringify(sep)}`).toEqual([]);
  return rows;
}

test.describe('strings a client sends in events, on the demo edge (workerd)', () => {
  // Each payload is a slot, and that slot's rule and variant (its reason id), and every payload is a goal.
  // The edge counts only ids of the rules in force and declared goals, and exposures it signed,
  // so none of them may reach the report: the report stays inert and free of them.
  const slots = [...MARKUP, ...FORMULAS];

  test.beforeAll(async ({ request }) => {
    const base = process.env.KAIROS_E2E_URL!;
    const t = Date.now() - 60_000;
    const run = `xss-${t.toString(36)}`;
    const events = [
      ...slots.map((p, i) => ({ id: `${run}-x${i}`, type: 'exposure', at: t + i, slot: p, reason: `${p}:${p}:${p}`, consent: 'analytics' })),
      ...GOALS.map((g, i) => ({ id: `${run}-c${i}`, type: 'conversion', at: t + 1000 + i, goal: g, value: 1, consent: 'analytics' })),
    ];
    const res = await request.post(`${base}/v1/events`, { headers: { 'content-type': 'text/plain', 'user-agent': UA }, data: JSON.stringify({ site: 'demo', visitor: run, events }) });
    expect(res.status(), await res.text()).toBe(202);
    expect(await res.json(), 'the edge refuses every one of these strings').toMatchObject({ accepted: 0, refused: events.length });
  });

  test('/report runs none of it and shows none of it', async ({ page }) => {
    await expectInert(page, '/report');
    const text = await page.locator('body').innerText();
    for (const p of MARKUP) expect(text, 'a refused payload reached the report').not.toContain(`slot ${p}`);
  });

  test('/report?goal= with each payload goal runs none of it', async ({ page }) => {
    test.slow(); // one page load per goal
    // Whether the page names the goal depends on what the store holds (other journeys'
    // data); that it runs nothing does not.
    for (const g of GOALS.filter((x) => /[<>"']/.test(x))) await expectInert(page, `/report?goal=${encodeURIComponent(g)}`);
  });

  test('/v1/report.csv: none of the payloads is there, and no cell can start a formula', async ({ request }) => {
    const rows = await expectInertCsv(request, '/v1/report.csv');
    const cells = new Set(rows.flat().map(undefused));
    for (const p of slots) expect(cells.has(p), `${JSON.stringify(p)} reached the CSV`).toBe(false);
  });
});

test.describe('names from a rules file (goal names are free text), on a Node edge', () => {
  // Strings that stay possible once the edge takes only the rules' own ids and goals from clients.
  let edge: { url: string; close(): Promise<void> };
  test.beforeAll(async () => {
    const { startNodeServer } = await import('../../edge-worker/src/adapters/node/server.ts');
    const rules = {
      site: 'xss',
      origins: [],
      slots: { hero: { rules: GOALS.map((goal, i) => ({ id: `rule-${i}`, when: { 'utm.campaign': `c${i}` }, variants: [{ id: `v-${i}`, text: 'x' }], goal })) } },
    };
    const errors: string[] = [];
    edge = await startNodeServer({ rules, port: 0, log: { log() {}, error: (m: string) => void errors.push(m) } });
    expect(errors, 'the rules file with markup in its goal names loads').toEqual([]);
  });
  test.afterAll(async () => edge?.close());

  test('/report and /v1/report.csv write the goal names as inert text', async ({ page, request }) => {
    await expectInert(page, `${edge.url}/report`);
    const text = await page.locator('body').innerText();
    for (const g of GOALS.filter((x) => !/\s/.test(x))) expect(text, 'the goal name reached the report').toContain(`Judged on goal ${g}`);
    const rows = await expectInertCsv(request, `${edge.url}/v1/report.csv`);
    const goals = new Set(rows.slice(1).map((r) => undefused(r[4]!)));
    for (const g of GOALS) expect(goals.has(g), `${JSON.stringify(g)} reached the CSV`).toBe(true);
  });
});
