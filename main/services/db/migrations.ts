import type { Database } from 'better-sqlite3-multiple-ciphers';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

/** Numbered, append-only. Never edit a migration that has shipped; add the next number. */
export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'patients',
    sql: `
      CREATE TABLE patients (
        id          TEXT PRIMARY KEY,
        name        TEXT NOT NULL,
        name_search TEXT NOT NULL,
        birth_date  TEXT,
        gender      TEXT,
        mrn         TEXT,
        phone       TEXT,
        language    TEXT,
        updated_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX patients_by_name ON patients(name_search);
      CREATE INDEX patients_by_mrn ON patients(mrn);
      CREATE INDEX patients_by_birth_date ON patients(birth_date);
    `,
  },
];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;

export class SchemaTooNewError extends Error {
  readonly code = 'schema_too_new';
  constructor(readonly found: number, readonly supported: number) {
    super(
      `The local database was written by a newer version of Ambassador Desk (schema ${found}; ` +
        `this version understands up to ${supported}). Update the app; the database was left untouched.`,
    );
  }
}

function currentVersion(db: Database): number {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_version (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  return row.v ?? 0;
}

/** Reads the schema version and refuses a newer one before anything is written. */
export function checkSchemaVersion(db: Database, list: readonly Migration[] = migrations): number {
  const hasTable = db
    .prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'")
    .get();
  if (!hasTable) return 0;
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number | null };
  const found = row.v ?? 0;
  const supported = list.length ? list[list.length - 1]!.version : 0;
  if (found > supported) throw new SchemaTooNewError(found, supported);
  return found;
}

/** Applies every pending migration, each in its own transaction. Returns the resulting version. */
export function applyMigrations(db: Database, list: readonly Migration[] = migrations): number {
  checkSchemaVersion(db, list);
  let version = currentVersion(db);
  const record = db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)');
  for (const migration of list) {
    if (migration.version <= version) continue;
    db.transaction(() => {
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    })();
    version = migration.version;
  }
  return version;
}
