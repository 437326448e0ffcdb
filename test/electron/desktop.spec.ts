import { _electron as electron, expect, test } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../support/host';
import { findElectronBinary } from '../support/electron-binary';

const binary = findElectronBinary();

test.describe('the desktop app in Electron', () => {
  test.skip('missing' in binary, `Electron cannot run here: ${'missing' in binary ? binary.missing : ''}`);

  test('opens one hardened window that talks to main only through the contract', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-electron-'));
    const app = await electron.launch({
      executablePath: (binary as { path: string }).path,
      args: [path.join(repoRoot, 'dist', 'main', 'index.js')],
      env: { ...process.env, DESK_DATA_DIR: dataDir },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { name: 'Ambassador Desk' })).toBeVisible();
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe('undefined');
      expect(await page.evaluate(() => window.open('https://example.org') === null)).toBe(true);
      const info = await page.evaluate(() => window.desk!.invoke('app.info', {}));
      expect(info).toMatchObject({ ok: true, value: { mode: 'electron', dataDir } });
      const bad = await page.evaluate(() => window.desk!.invoke('patients.search', { text: 42 }));
      expect(bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
      await page.screenshot({ path: path.join('test-results', 'screenshots', 'electron.png') });
    } finally {
      await app.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
