import { afterEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startNodeServer, type NodeServer } from '../src/adapters/node/server.ts';

const valid = JSON.parse(readFileSync(new URL('./fixtures/rules.app.json', import.meta.url), 'utf8')) as { holdout: number };
let server: NodeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function version(url: string): Promise<string> {
  return ((await (await fetch(`${url}/healthz`)).json()) as { rulesVersion: string }).rulesVersion;
}

/** Polls (bounded) until `check` holds: file watching is asynchronous. */
async function eventually(check: () => Promise<boolean> | boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the edge on Node', () => {
  it('reloads a valid rules file, and keeps the last good rules when a change is invalid', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-rules-'));
    const file = join(dir, 'rules.json');
    writeFileSync(file, JSON.stringify(valid));
    const logs: string[] = [];
    server = await startNodeServer({ rulesPath: file, log: { log: (s: string) => logs.push(s), error: (s: string) => logs.push(s) } });
    const first = await version(server.url);

    writeFileSync(file, JSON.stringify({ ...valid, holdout: 2 }));
    await eventually(() => logs.some((l) => l.includes('$.holdout')));
    expect(logs.join('\n')).toContain('still serving the last good rules');
    expect(await version(server.url)).toBe(first);

    writeFileSync(file, '{ "site": ');
    await eventually(() => logs.filter((l) => l.includes('refused')).length >= 2);
    expect(await version(server.url)).toBe(first);

    writeFileSync(file, JSON.stringify({ ...valid, holdout: 0.2 }));
    await eventually(async () => (await version(server!.url)) !== first);
  });

  it('reloads after atomic-rename saves (mv, sed -i, editors) as after writes in place', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-rules-'));
    const file = join(dir, 'rules.json');
    writeFileSync(file, JSON.stringify(valid));
    server = await startNodeServer({ rulesPath: file, log: { log: () => {}, error: () => {} } });
    const seen = [await version(server.url)];
    const renameOver = (holdout: number) => () => {
      writeFileSync(join(dir, 'rules.json.tmp'), JSON.stringify({ ...valid, holdout }));
      renameSync(join(dir, 'rules.json.tmp'), file);
    };
    // Each save a new holdout (the fixture's is 0.1), so each reload shows as a new version.
    const saves = [renameOver(0.2), renameOver(0.3), () => writeFileSync(file, JSON.stringify({ ...valid, holdout: 0.4 })), renameOver(0.5)];
    for (const save of saves) {
      save();
      await eventually(async () => !seen.includes(await version(server!.url)));
      seen.push(await version(server.url));
    }
    expect(new Set(seen).size).toBe(saves.length + 1);
  });

  it('serves the SDK and static files with cache headers, and never outside its folders', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kairos-static-'));
    writeFileSync(join(dir, 'kairos.js'), 'console.log(1)');
    writeFileSync(join(dir, 'index.html'), '<h1>shop</h1>');
    server = await startNodeServer({ rules: valid, sdkDir: dir });
    const js = await fetch(`${server.url}/kairos.js`);
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toContain('javascript');
    expect(js.headers.get('cache-control')).toContain('max-age=300');
    const etag = js.headers.get('etag')!;
    expect((await fetch(`${server.url}/kairos.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await fetch(`${server.url}/kairos.js?v=abc`)).headers.get('cache-control')).toContain('immutable');
    expect(await (await fetch(`${server.url}/`)).text()).toBe('<h1>shop</h1>');
    for (const p of ['/../package.json', '/%2e%2e/%2e%2e/package.json', '/..%2fpackage.json']) {
      expect((await fetch(`${server.url}${p}`)).status, p).toBe(404);
    }
  });
});
