// npm start: Electron where its binary is installed; otherwise the browser host, saying why in one line.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function electronBinary() {
  // Found without require('electron'): electron >= 42 would try to download on require.
  const pathFile = path.join(root, 'node_modules', 'electron', 'path.txt');
  if (!fs.existsSync(pathFile)) return undefined;
  const binary = path.join(root, 'node_modules', 'electron', 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : undefined;
}

const build = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const electron = electronBinary();
let child;
if (electron) {
  if (!fs.existsSync(path.join(root, 'native', 'electron', 'better_sqlite3.node'))) {
    const rebuilt = spawnSync(process.execPath, [path.join(root, 'scripts', 'rebuild-electron-sqlite.mjs')], { cwd: root, stdio: 'inherit' });
    if (rebuilt.status !== 0) process.exit(rebuilt.status ?? 1);
  }
  child = spawn(electron, [path.join(root, 'dist', 'main', 'index.js')], { cwd: root, stdio: 'inherit' });
} else {
  console.log(
    'Electron is not installed on this machine (its binary download is skipped offline), so Ambassador Desk starts as a browser host: open the address below in Chromium.',
  );
  child = spawn(process.execPath, [path.join(root, 'dist', 'host', 'main.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
}
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
