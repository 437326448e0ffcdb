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

/** The desktop app's key file, sealed by the system keychain. */
export const sealedKeyFileName = 'db.key.enc';

export class KeyUnavailableError extends Error {
  readonly code = 'key_unavailable';
}

function readKey(file: string, protector: KeyProtector): Buffer {
  if (process.platform !== 'win32' && (fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  const key = protector.unprotect(fs.readFileSync(file));
  if (key.length !== 32) throw new Error(`The database key file ${file} is damaged (expected 32 bytes, found ${key.length}).`);
  return key;
}

function writeKey(file: string, protector: KeyProtector, key: Buffer): void {
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, protector.protect(key), { mode: 0o600 });
  fs.renameSync(tmp, file);
}

/**
 * Loads the database key from the data dir, creating it (owner-only) on first run. A folder whose key is sealed by
 * the keychain is refused when the keychain cannot be used (never re-keyed: that would set the cache aside), and a
 * browser-host key found by the desktop app is sealed and the plain copy removed.
 */
export function loadOrCreateDbKey(dataDir: string, protector: KeyProtector = plainKeyFile): Buffer {
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const file = path.join(dataDir, protector.fileName);
  if (fs.existsSync(file)) return readKey(file, protector);
  const sealed = path.join(dataDir, sealedKeyFileName);
  const plain = path.join(dataDir, plainKeyFile.fileName);
  if (protector.fileName === plainKeyFile.fileName && fs.existsSync(sealed)) {
    throw new KeyUnavailableError(
      `The database key of ${dataDir} is sealed by the system keychain (${sealedKeyFileName}), which cannot be used here. ` +
        'The cache was left untouched. Use the desktop app with its keychain unlocked, or give the browser host another data folder (--data-dir).',
    );
  }
  if (protector.fileName !== plainKeyFile.fileName && fs.existsSync(plain)) {
    const key = readKey(plain, plainKeyFile);
    writeKey(file, protector, key);
    fs.rmSync(plain);
    return key;
  }
  const key = crypto.randomBytes(32);
  writeKey(file, protector, key);
  return key;
}
