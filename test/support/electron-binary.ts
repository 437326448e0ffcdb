import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from './host';

/**
 * The Electron executable if its binary is installed, found without requiring the electron module
 * (electron >= 42 would start a download on require). Undefined with the reason otherwise.
 */
export function findElectronBinary(): { path: string } | { missing: string } {
  const pkgDir = path.join(repoRoot, 'node_modules', 'electron');
  if (!fs.existsSync(pkgDir)) return { missing: 'the electron package is not installed' };
  const pathFile = path.join(pkgDir, 'path.txt');
  if (!fs.existsSync(pathFile)) {
    return { missing: 'the Electron binary is not installed (its download is skipped on machines without internet access)' };
  }
  const binary = path.join(pkgDir, 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? { path: binary } : { missing: `the Electron binary is missing at ${binary}` };
}
