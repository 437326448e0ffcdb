import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/host';

const eslint = new ESLint({ cwd: repoRoot });

async function restrictedImports(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${file}` });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('architecture rules enforced by ESLint', () => {
  it('fails when a service or the renderer imports electron', async () => {
    expect(await restrictedImports("import { app } from 'electron';\nexport const x = app;\n", 'main/services/example.ts')).toHaveLength(1);
    expect(await restrictedImports("import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", 'renderer/features/example/x.ts')).toHaveLength(1);
  });

  it('fails when the renderer imports from main/', async () => {
    const messages = await restrictedImports("import { dispatch } from '../../../main/handlers';\nexport const x = dispatch;\n", 'renderer/features/example/x.ts');
    expect(messages[0]).toMatch(/only through the contract/);
  });

  it('allows the Electron entry points and the renderer importing the contract', async () => {
    expect(await restrictedImports("import { app } from 'electron';\nexport const x = app;\n", 'main/index.ts')).toEqual([]);
    expect(await restrictedImports("import { Tray } from 'electron';\nexport const x = Tray;\n", 'main/desktop/shell.ts')).toEqual([]);
    expect(await restrictedImports("import { Tray } from 'electron';\nexport const x = Tray;\n", 'main/services/desktop/status.ts')).toHaveLength(1);
    expect(await restrictedImports("import { contract } from '../../../preload/contract';\nexport const x = contract;\n", 'renderer/features/example/x.ts')).toEqual([]);
  });
});
