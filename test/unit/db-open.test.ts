import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import DatabaseCtor from 'better-sqlite3-multiple-ciphers';
import { describe, expect, it } from 'vitest';
import { loadOrCreateDbKey } from '../../main/services/db/key';
import { applyMigrations, latestSchemaVersion, migrations, SchemaTooNewError, type Migration } from '../../main/services/db/migrations';
import { keyDatabase, openDatabase } from '../../main/services/db/open';
import { skipBecause } from '../support/skip';
import { tempDir } from '../support/tmp';

const key = () => crypto.randomBytes(32);

describe('opening the encrypted cache', () => {
  it('creates a WAL database at the latest schema, with nothing readable in the file', () => {
    const file = path.join(tempDir(), 'desk.db');
    const k = key();
    const { db, schemaVersion } = openDatabase({ file, key: k });
    expect(schemaVersion).toBe(latestSchemaVersion);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.prepare("INSERT INTO patients (id, name, name_search, updated_at) VALUES ('p1', 'Zelda Quartermain', 'zelda quartermain', 'now')").run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = fs.readFileSync(file);
    expect(bytes.includes('Zelda')).toBe(false);
    expect(bytes.subarray(0, 15).toString()).not.toBe('SQLite format 3');
    const again = openDatabase({ file, key: k });
    expect(again.setAside).toBeUndefined();
    expect(again.db.prepare('SELECT name FROM patients').pluck().get()).toBe('Zelda Quartermain');
    again.db.close();
  });

  it('keeps reading a cache written with the earlier cipher (ChaCha20-Poly1305) instead of setting it aside', () => {
    const file = path.join(tempDir(), 'desk.db');
    const k = key();
    const legacy = new DatabaseCtor(file);
    keyDatabase(legacy, k, 'chacha20');
    applyMigrations(legacy);
    legacy.prepare("INSERT INTO patients (id, name, name_search, updated_at) VALUES ('p1', 'Odile Brannock', 'odile brannock', 'now')").run();
    legacy.close();
    const { db, setAside } = openDatabase({ file, key: k });
    expect(setAside).toBeUndefined();
    expect(db.prepare('SELECT name FROM patients').pluck().get()).toBe('Odile Brannock');
    db.close();
    // The earlier cipher's file is not readable as the new one: the fallback is what kept it.
    const asNew = new DatabaseCtor(file);
    keyDatabase(asNew, k, 'aegis');
    expect(() => asNew.prepare('SELECT count(*) FROM sqlite_master').get()).toThrow(/not a database/);
    asNew.close();
  });

  it('migrates a schema-4 cache to the latest without losing a patient, an identifier, a phone or a resource', () => {
    const file = path.join(tempDir(), 'desk.db');
    const k = key();
    const old = new DatabaseCtor(file);
    keyDatabase(old, k, 'aegis');
    applyMigrations(
      old,
      migrations.filter((m) => m.version <= 4),
    );
    old.prepare("INSERT INTO patients (id, name, name_search, updated_at) VALUES ('p1', 'Odile Brannock', 'odile brannock', 'now')").run();
    old.prepare("INSERT INTO patient_identifiers VALUES ('p1', 'urn:oid:1.2.3', 'MRN-9')").run();
    old.prepare("INSERT INTO patient_phones VALUES ('p1', '+15552010001', '(555) 201-0001', 'home')").run();
    old.prepare("INSERT INTO resources (type, id, patient_id, hash, json) VALUES ('Patient', 'p1', 'p1', 'h', '{}')").run();
    old.prepare("INSERT INTO resource_identifiers VALUES ('Patient', 'urn:oid:1.2.3', 'MRN-9', 'p1')").run();
    old.close();
    const { db, schemaVersion } = openDatabase({ file, key: k });
    expect(schemaVersion).toBe(latestSchemaVersion);
    expect(db.prepare('SELECT id, source_id, active FROM patients').all()).toEqual([{ id: 'p1', source_id: 1, active: 1 }]);
    expect(db.prepare('SELECT system, value FROM patient_identifiers').all()).toEqual([{ system: 'urn:oid:1.2.3', value: 'MRN-9' }]);
    expect(db.prepare('SELECT e164, ext, contact, raw, use FROM patient_phones').all()).toEqual([
      { e164: '+15552010001', ext: '', contact: '', raw: '(555) 201-0001', use: 'home' },
    ]);
    expect(db.prepare('SELECT source_id, id FROM resource_identifiers').all()).toEqual([{ source_id: 1, id: 'p1' }]);
    expect(db.prepare('SELECT type, id, source_id FROM resources').all()).toEqual([{ type: 'Patient', id: 'p1', source_id: 1 }]);
    expect(db.prepare('SELECT name FROM sources').pluck().all()).toEqual(['local files']);
    db.close();
  });

  it('moves a database it cannot decrypt aside, untouched, and starts a new one', () => {
    const dir = tempDir();
    const file = path.join(dir, 'desk.db');
    openDatabase({ file, key: key() }).db.close();
    const before = fs.readFileSync(file);
    const { db, setAside } = openDatabase({ file, key: key() });
    db.close();
    expect(setAside?.reason).toMatch(/could not be read with this workstation's key, or it is damaged/);
    expect(fs.readFileSync(setAside!.movedTo).equals(before)).toBe(true);
    expect(fs.existsSync(file)).toBe(true);
  });

  it('moves a damaged file aside and keeps its bytes', () => {
    const dir = tempDir();
    const file = path.join(dir, 'desk.db');
    const garbage = crypto.randomBytes(8192);
    fs.writeFileSync(file, garbage);
    const { db, setAside } = openDatabase({ file, key: key() });
    db.close();
    expect(fs.readFileSync(setAside!.movedTo).equals(garbage)).toBe(true);
    expect(fs.readdirSync(dir).filter((f) => f.includes('unreadable'))).toHaveLength(1);
  });

  it('detects a damaged page in the middle of the file, at start and on any later read', () => {
    const file = path.join(tempDir(), 'desk.db');
    const k = key();
    const { db } = openDatabase({ file, key: k });
    const insert = db.prepare('INSERT INTO patients (id, name, name_search, updated_at) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < 3000; i++) insert.run(`p${i}`, `Name ${i}`, `name ${i} ${'x'.repeat(200)}`, 'now');
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    // A leaf page of the patients table from the middle of the file.
    const leaves = db.prepare("SELECT pageno FROM dbstat WHERE name = 'patients' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    const page = leaves[Math.floor(leaves.length / 2)]!;
    db.close();
    const bytes = fs.readFileSync(file);
    const pageSize = 8192;
    const middle = (page - 1) * pageSize + 100;
    expect(middle).toBeGreaterThan(bytes.length / 4);
    bytes[middle] = bytes[middle]! ^ 0xff;
    fs.writeFileSync(file, bytes);
    // A second connection skips the start-up check, but the damaged page fails its authentication when read.
    const second = openDatabase({ file, key: k, setAsideUnreadable: false }).db;
    expect(() => second.prepare('SELECT count(*), max(length(name_search)) FROM patients NOT INDEXED').get()).toThrow();
    second.close();
    // The owning connection finds it at start and moves the file aside, untouched.
    const { db: fresh, setAside } = openDatabase({ file, key: k });
    fresh.close();
    expect(setAside?.reason).toMatch(/damaged/);
    expect(fs.readFileSync(setAside!.movedTo).equals(bytes)).toBe(true);
  });

  it('refuses a database from a newer schema and leaves it exactly as it was', () => {
    const file = path.join(tempDir(), 'desk.db');
    const k = key();
    const { db } = openDatabase({ file, key: k });
    db.prepare("INSERT INTO schema_version VALUES (99, 'from the future', 'now')").run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = fs.readFileSync(file);
    expect(() => openDatabase({ file, key: k })).toThrow(SchemaTooNewError);
    expect(() => openDatabase({ file, key: k })).toThrow(/newer version of Ambassador Desk \(schema 99/);
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.readdirSync(path.dirname(file)).some((f) => f.includes('unreadable'))).toBe(false);
  });

  it('applies numbered migrations once each, and rolls back one that fails', () => {
    const db = new DatabaseCtor(':memory:');
    const list: Migration[] = [
      { version: 1, name: 'one', sql: 'CREATE TABLE a (x)' },
      { version: 2, name: 'two', sql: 'CREATE TABLE b (x)' },
    ];
    expect(applyMigrations(db, list)).toBe(2);
    expect(applyMigrations(db, list)).toBe(2);
    const broken: Migration[] = [...list, { version: 3, name: 'broken', sql: 'CREATE TABLE c (x); CREATE TABLE c (x);' }];
    expect(() => applyMigrations(db, broken)).toThrow(/already exists/);
    expect(db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'c'").pluck().get()).toBe(0);
    expect(db.prepare('SELECT group_concat(version) FROM schema_version').pluck().get()).toBe('1,2');
    db.close();
  });
});

describe('the database key file (browser host)', () => {
  it('is read back the same, and a damaged one is rejected', () => {
    const dir = tempDir();
    const k = loadOrCreateDbKey(dir);
    expect(k).toHaveLength(32);
    expect(loadOrCreateDbKey(dir).equals(k)).toBe(true);
    fs.writeFileSync(path.join(dir, 'db.key'), 'abcd');
    expect(() => loadOrCreateDbKey(dir)).toThrow(/key file .* is damaged/);
  });

  it('is created owner-only (0600), and one that others can read is tightened', (ctx) => {
    if (process.platform === 'win32') skipBecause(ctx, 'POSIX file modes do not exist on Windows');
    const dir = tempDir();
    loadOrCreateDbKey(dir);
    const file = path.join(dir, 'db.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    fs.chmodSync(file, 0o644);
    loadOrCreateDbKey(dir);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('keys of the desktop app and the browser host on one data folder', () => {
  const sealed = {
    fileName: 'db.key.enc',
    protect: (k: Buffer) => Buffer.from(k.map((b) => b ^ 0x5a)),
    unprotect: (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a)),
  };

  it('refuses a folder whose key is sealed by the keychain instead of making a new key', () => {
    const dir = tempDir();
    loadOrCreateDbKey(dir, sealed);
    expect(() => loadOrCreateDbKey(dir)).toThrow(/sealed by the system keychain .* left untouched/);
    expect(fs.existsSync(path.join(dir, 'db.key'))).toBe(false);
  });

  it('seals a browser-host key when the desktop app opens the folder, and removes the plain copy', () => {
    const dir = tempDir();
    const key = loadOrCreateDbKey(dir);
    expect(loadOrCreateDbKey(dir, sealed).equals(key)).toBe(true);
    expect(fs.existsSync(path.join(dir, 'db.key'))).toBe(false);
    expect(fs.readFileSync(path.join(dir, 'db.key.enc')).includes(Buffer.from(key.toString('hex')))).toBe(false);
    expect(loadOrCreateDbKey(dir, sealed).equals(key)).toBe(true);
  });
});
