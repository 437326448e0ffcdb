import fs from 'node:fs';
import path from 'node:path';
import DatabaseCtor, { type Database } from 'better-sqlite3-multiple-ciphers';
import { applyMigrations, SchemaTooNewError } from './migrations';

export interface OpenOptions {
  /** Full path of the database file. */
  file: string;
  /** 32-byte raw key. */
  key: Buffer;
  /** Path of a better-sqlite3 native build for another ABI (Electron); Node's build when absent. */
  nativeBinding?: string;
  /**
   * Whether an unreadable file may be moved aside and replaced (only the connection that owns the cache at
   * start-up; a second connection, or an admin tool, reports the problem instead). Default true.
   */
  setAsideUnreadable?: boolean;
}

export interface OpenResult {
  db: Database;
  schemaVersion: number;
  setAside?: { reason: string; movedTo: string };
}

export class UnreadableDatabaseError extends Error {
  readonly code = 'unreadable_database';
}

/**
 * Page ciphers, newest first. New files get AEGIS-256 (authenticated: a wrong key or a tampered page fails to open;
 * uses the CPU's AES instructions, so the 1M-resource import ran at 14.6k/s against 9.0k/s with ChaCha20-Poly1305
 * here). Files written before that change keep ChaCha20-Poly1305, also authenticated, and stay readable. Keys are
 * raw 256-bit, so no key derivation runs at each start.
 */
export const pageCiphers = ['aegis', 'chacha20'] as const;
export type PageCipher = (typeof pageCiphers)[number];

export function keyDatabase(db: Database, key: Buffer, cipher: PageCipher = pageCiphers[0]): void {
  if (key.length !== 32) throw new Error('The database key must be 32 bytes');
  db.pragma(`cipher = '${cipher}'`);
  db.pragma(`key = "x'${key.toString('hex')}'"`);
  // New files use 8 KB pages, which keep most resources (EOBs run to 8 KB of JSON) off overflow pages.
  db.pragma('page_size = 8192');
}

function isNotADatabase(error: unknown): boolean {
  return (error as { code?: unknown }).code === 'SQLITE_NOTADB';
}

/**
 * Opens and keys a connection, trying each page cipher in turn. Reading the schema forces decryption of page 1:
 * a wrong key or a damaged header fails here (SQLITE_NOTADB under every cipher).
 */
export function openKeyedConnection(file: string, key: Buffer, options: { nativeBinding?: string; readonly?: boolean } = {}): Database {
  let lastError: unknown;
  for (const cipher of pageCiphers) {
    const db = new DatabaseCtor(file, {
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
      ...(options.readonly ? { readonly: true } : {}),
    });
    try {
      keyDatabase(db, key, cipher);
      db.prepare('SELECT count(*) FROM sqlite_master').get();
      return db;
    } catch (error) {
      db.close();
      lastError = error;
      if (!isNotADatabase(error)) break;
    }
  }
  throw lastError;
}

/** Files up to this size get a full structural check at start; larger ones rely on per-page authentication. */
export const fullCheckMaxBytes = 256 * 1024 * 1024;

function openKeyed({ file, key, nativeBinding, setAsideUnreadable }: OpenOptions): Database {
  const db = openKeyedConnection(file, key, nativeBinding ? { nativeBinding } : {});
  try {
    // Every page is authenticated when read, so damage anywhere fails loudly when touched; the full check at start
    // is for the owning connection, and only while it stays quick.
    const size = fs.existsSync(file) ? fs.statSync(file).size : 0;
    if (setAsideUnreadable !== false && size <= fullCheckMaxBytes) {
      const check = db.pragma('quick_check(1)', { simple: true });
      if (check !== 'ok') throw new UnreadableDatabaseError(`integrity check failed (${String(check)})`);
    }
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function isUnreadable(error: unknown): boolean {
  if (error instanceof UnreadableDatabaseError) return true;
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT';
}

/** Moves the file and its WAL/SHM companions aside under one timestamped name; never deletes or overwrites. */
export function setAside(file: string, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-');
  let target = `${file}.unreadable-${stamp}`;
  for (let n = 1; fs.existsSync(target); n++) target = `${file}.unreadable-${stamp}-${n}`;
  // Companions first: a kill in between must not leave an old WAL beside a new database.
  for (const suffix of ['-wal', '-shm']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, target + suffix);
  }
  fs.renameSync(file, target);
  return target;
}

/**
 * Opens (or creates) the encrypted cache and brings its schema up to date.
 * A file that cannot be decrypted with this key, or is damaged, is moved aside and a new one is started;
 * a file from a newer schema is refused and left exactly as it was.
 */
export function openDatabase(options: OpenOptions): OpenResult {
  fs.mkdirSync(path.dirname(options.file), { recursive: true });
  let setAsideInfo: OpenResult['setAside'];
  let db: Database;
  try {
    db = openKeyed(options);
  } catch (error) {
    if (error instanceof SchemaTooNewError || !isUnreadable(error)) throw error;
    if (options.setAsideUnreadable === false) {
      throw new UnreadableDatabaseError(`The local database cannot be read with this key, or it is damaged (${(error as Error).message})`);
    }
    const reason =
      "The local database could not be read with this workstation's key, or it is damaged " +
      `(${(error as Error).message}). It was moved aside and a new, empty cache was started.`;
    const movedTo = setAside(options.file);
    setAsideInfo = { reason, movedTo };
    db = openKeyed(options);
  }
  try {
    const schemaVersion = applyMigrations(db);
    return { db, schemaVersion, ...(setAsideInfo ? { setAside: setAsideInfo } : {}) };
  } catch (error) {
    db.close();
    throw error;
  }
}
