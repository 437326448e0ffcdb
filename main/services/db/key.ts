import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** Wraps the key at rest: Electron's safeStorage in the desktop app; nothing (a 0600 file) in the browser host. */
export interface KeyProtector {
  readonly fileName: string;
  protect(key: Buffer): Buffer;
  unprotect(blob: Buffer): Buffer;
}

export const plainKeyFile: KeyProtector = {
  fileName: 'db.key',
  protect: (key) => Buffer.from(key.toString('hex') + '\n', 'utf8'),
  unprotect: (blob) => Buffer.from(blob.toString('utf8').trim(), 'hex'),
};

/** Loads the database key from the data dir, creating it (owner-only) on first run. */
export function loadOrCreateDbKey(dataDir: string, protector: KeyProtector = plainKeyFile): Buffer {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, protector.fileName);
  if (fs.existsSync(file)) {
    if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    const key = protector.unprotect(fs.readFileSync(file));
    if (key.length !== 32) {
      throw new Error(`The database key file ${file} is damaged (expected 32 bytes, found ${key.length}).`);
    }
    return key;
  }
  const key = crypto.randomBytes(32);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, protector.protect(key), { mode: 0o600 });
  fs.renameSync(tmp, file);
  return key;
}
