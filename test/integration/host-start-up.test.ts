// What the README promises about start-up, through the real browser host: demo data only on a real first start, and
// a settings file that cannot be used is set aside with a notice naming the field, the defaults in use.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Settings } from '../../preload/contract';
import { connectWs, spawnHost, type RunningHost } from '../support/host';
import { tempDir } from '../support/tmp';

const hosts: RunningHost[] = [];
afterEach(async () => {
  await Promise.all(hosts.splice(0).map((h) => h.stop()));
});

async function start(dataDir: string, options: { demoData?: boolean } = {}) {
  const host = await spawnHost(dataDir, options);
  hosts.push(host);
  const ws = await connectWs(host);
  const info = (await ws.request('app.info', {})).value as { notices: string[] };
  return { host, ws, info };
}

const demoNotice = /synthetic demo patients are being loaded/;

describe('demo data at start-up', () => {
  it('loads on a first start with an empty cache, and says so', async () => {
    const { ws, info } = await start(tempDir(), { demoData: true });
    expect(info.notices.join('\n')).toMatch(demoNotice);
    // The demo import runs in the background; once done, its patients are found.
    const last = await vi.waitFor(
      async () => {
        const status = (await ws.request('import.status', {})).value as { last: { label: string } | null };
        if (!status.last) throw new Error('the demo import has not finished yet');
        return status.last;
      },
      { timeout: 90_000, interval: 500 },
    );
    expect(last).toMatchObject({ label: 'demo data', cancelled: false, error: null, rejected: 0 });
    expect(((await ws.request('patients.search', { text: 'a' })).value as unknown[]).length).toBeGreaterThan(0);
    ws.close();
  }, 120_000);

  it('never loads right after a damaged cache was set aside: the new, empty cache stays empty', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'desk.db'), 'a damaged cache, not a database '.repeat(300));
    const { ws, info } = await start(dir, { demoData: true });
    expect(info.notices.join('\n')).toMatch(/moved aside and a new, empty cache was started/);
    expect(info.notices.join('\n')).not.toMatch(demoNotice);
    expect(await ws.request('import.status', {})).toMatchObject({ ok: true, value: { running: null, last: null } });
    expect(await ws.request('patients.search', { text: 'a' })).toMatchObject({ ok: true, value: [] });
    ws.close();
  });
});

describe('a settings file that cannot be used', () => {
  it.each([
    [
      'breaks the schema',
      '{"theme":"purple","language":"es"}',
      /^Settings file was unusable \(theme: .+\); it was moved to .+settings\.json\.invalid-.+ and defaults are in use\.$/,
    ],
    [
      'is not valid JSON',
      '{"theme": "dark",',
      /^Settings file was unusable \(not valid JSON .+\); it was moved to .+settings\.json\.invalid-.+ and defaults are in use\.$/,
    ],
  ])('%s: moved aside untouched, the defaults in use, and a notice naming what was wrong', async (_what, text, notice) => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'settings.json'), text);
    const { ws, info } = await start(dir);
    const said = info.notices.find((n) => n.startsWith('Settings file was unusable'));
    expect(said).toMatch(notice);
    const movedTo = fs.readdirSync(dir).filter((f) => f.startsWith('settings.json.invalid-'));
    expect(movedTo).toHaveLength(1);
    expect(said).toContain(path.join(dir, movedTo[0]!));
    expect(fs.readFileSync(path.join(dir, movedTo[0]!), 'utf8')).toBe(text);
    expect(await ws.request('settings.get', {})).toMatchObject({ ok: true, value: Settings.parse({}) });
    ws.close();
  });
});
