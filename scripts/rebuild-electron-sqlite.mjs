// Builds better-sqlite3-multiple-ciphers for Electron's ABI into native/electron/, leaving node_modules
// (Node's ABI, used by the tests) untouched. Needs Electron's headers, so it runs where the network allows.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronVersion = JSON.parse(fs.readFileSync(path.join(root, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const source = path.join(root, 'node_modules', 'better-sqlite3-multiple-ciphers');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-electron-sqlite-'));
fs.cpSync(source, work, { recursive: true, filter: (p) => !p.includes(`${path.sep}build${path.sep}`) });

const nodeGyp = process.env.npm_config_node_gyp;
const [cmd, args] = nodeGyp ? [process.execPath, [nodeGyp]] : ['npx', ['--yes', 'node-gyp']];
console.log(`Building the SQLite module for Electron ${electronVersion} (${process.arch})…`);
execFileSync(cmd, [...args, 'rebuild', '--release', `--target=${electronVersion}`, `--arch=${process.arch}`, '--dist-url=https://electronjs.org/headers'], {
  cwd: work,
  stdio: 'inherit',
  env: { ...process.env, npm_config_nodedir: '', npm_config_runtime: 'electron' },
});
const out = path.join(root, 'native', 'electron');
fs.mkdirSync(out, { recursive: true });
fs.copyFileSync(path.join(work, 'build', 'Release', 'better_sqlite3.node'), path.join(out, 'better_sqlite3.node'));
fs.rmSync(work, { recursive: true, force: true });
console.log(`Wrote ${path.relative(root, path.join(out, 'better_sqlite3.node'))}`);
