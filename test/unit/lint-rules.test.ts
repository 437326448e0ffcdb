import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../support/host';

const eslint = new ESLint({ cwd: repoRoot });

async function messagesOf(code: string, file: string, rules: readonly string[]): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${repoRoot}/${file}` });
  return result!.messages.filter((m) => rules.includes(m.ruleId ?? '')).map((m) => m.message);
}

const restrictedImports = (code: string, file: string) => messagesOf(code, file, ['no-restricted-imports']);
const workerImports = (code: string, file: string) => messagesOf(code, file, ['@typescript-eslint/no-restricted-imports']);
/** Everything that keeps the contract environment-neutral: imports, globals and types of one environment only. */
const contractEnvironment = (code: string) =>
  messagesOf(code, 'preload/contract/example.ts', ['no-restricted-imports', 'no-restricted-globals', '@typescript-eslint/no-restricted-types']);

describe('architecture rules enforced by ESLint', () => {
  it('fails when a service or the renderer imports electron', async () => {
    expect(await restrictedImports("import { app } from 'electron';\nexport const x = app;\n", 'main/services/example.ts')).toHaveLength(1);
    expect(await restrictedImports("import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n", 'renderer/features/example/x.ts')).toHaveLength(
      1,
    );
  });

  it('fails when the renderer imports from main/', async () => {
    const messages = await restrictedImports(
      "import { dispatch } from '../../../main/handlers';\nexport const x = dispatch;\n",
      'renderer/features/example/x.ts',
    );
    expect(messages[0]).toMatch(/only through the contract/);
  });

  it('allows the Electron entry points and the renderer importing the contract', async () => {
    expect(await restrictedImports("import { app } from 'electron';\nexport const x = app;\n", 'main/index.ts')).toEqual([]);
    expect(await restrictedImports("import { Tray } from 'electron';\nexport const x = Tray;\n", 'main/desktop/shell.ts')).toEqual([]);
    expect(await restrictedImports("import { Tray } from 'electron';\nexport const x = Tray;\n", 'main/services/desktop/tray.ts')).toHaveLength(1);
    expect(
      await restrictedImports("import { contract } from '../../../preload/contract';\nexport const x = contract;\n", 'renderer/features/example/x.ts'),
    ).toEqual([]);
  });

  it('keeps the contract free of Node modules, electron, and globals or types of one environment only', async () => {
    expect(await contractEnvironment("import fs from 'node:fs';\nexport const x = fs;\n")).toEqual([expect.stringMatching(/no Node modules/)]);
    expect(await contractEnvironment("import path from 'path';\nexport const x = path;\n")).toEqual([expect.stringMatching(/no Node modules/)]);
    expect(await contractEnvironment("import { ipcRenderer } from 'electron';\nexport const x = ipcRenderer;\n")).toEqual([
      expect.stringMatching(/no electron/),
    ]);
    expect(await contractEnvironment('export const x = () => window.location.href;\n')).toEqual([expect.stringMatching(/`window`/)]);
    expect(await contractEnvironment('export const x = () => process.env.HOME;\n')).toEqual([expect.stringMatching(/`process`/)]);
    expect(await contractEnvironment("export const x = () => Buffer.from('a');\n")).toEqual([expect.stringMatching(/`Buffer`/)]);
    expect(await contractEnvironment('export type X = { node: HTMLElement };\n')).toEqual([expect.stringMatching(/`HTMLElement`/)]);
    expect(await contractEnvironment("import { z } from 'zod';\nimport { LocalId } from './ids';\nexport const x = z.object({ id: LocalId });\n")).toEqual([]);
  });

  it('lets only database-thread code import a file that runs only on a database thread', async () => {
    const opsImport = "import { ops } from './ops.worker';\nexport const x = ops;\n";
    expect(await workerImports(opsImport, 'main/services/db/client.ts')).toEqual([expect.stringMatching(/runs only on a database thread/)]);
    expect(await workerImports("import { ops } from '../db/ops.worker';\nexport const x = ops;\n", 'main/services/patients/service.ts')).toHaveLength(1);
    expect(await workerImports("import { ops } from '../../main/services/db/ops.worker';\nexport const x = ops;\n", 'renderer/app/example.ts')).toHaveLength(1);
    // The database worker's dispatcher (its entry), and a type import (erased from the build) anywhere.
    expect(await workerImports(opsImport, 'main/services/db/entry.worker.ts')).toEqual([]);
    expect(await workerImports("import type { OpName } from './ops.worker';\nexport type X = OpName;\n", 'main/services/db/client.ts')).toEqual([]);
  });
});
