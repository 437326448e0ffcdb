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
  {
    version: 2,
    name: 'fhir cache, patient index, timeline',
    sql: `
      ALTER TABLE patients ADD COLUMN postal_code TEXT;

      CREATE VIRTUAL TABLE patients_fts USING fts5(
        name_search, content = 'patients', content_rowid = 'rowid',
        tokenize = "unicode61 remove_diacritics 2", prefix = '1 2 3'
      );
      CREATE TRIGGER patients_fts_insert AFTER INSERT ON patients BEGIN
        INSERT INTO patients_fts(rowid, name_search) VALUES (new.rowid, new.name_search);
      END;
      CREATE TRIGGER patients_fts_delete AFTER DELETE ON patients BEGIN
        INSERT INTO patients_fts(patients_fts, rowid, name_search) VALUES ('delete', old.rowid, old.name_search);
      END;
      CREATE TRIGGER patients_fts_update AFTER UPDATE OF name_search ON patients BEGIN
        INSERT INTO patients_fts(patients_fts, rowid, name_search) VALUES ('delete', old.rowid, old.name_search);
        INSERT INTO patients_fts(rowid, name_search) VALUES (new.rowid, new.name_search);
      END;
      INSERT INTO patients_fts(patients_fts) VALUES ('rebuild');

      CREATE TABLE patient_identifiers (
        patient_id TEXT NOT NULL,
        system     TEXT NOT NULL,
        value      TEXT NOT NULL,
        PRIMARY KEY (patient_id, system, value)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX patient_identifiers_by_value ON patient_identifiers(value);

      CREATE TABLE patient_phones (
        patient_id TEXT NOT NULL,
        e164       TEXT NOT NULL,
        raw        TEXT NOT NULL,
        use        TEXT,
        PRIMARY KEY (patient_id, e164)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX patient_phones_by_number ON patient_phones(e164);

      -- Every cached FHIR resource as imported (references made concrete), for detail views and sync.
      -- Secondary indexes are kept to what a query needs: each costs import speed (see the import benchmark).
      CREATE TABLE resources (
        type         TEXT NOT NULL,
        id           TEXT NOT NULL,
        patient_id   TEXT,
        last_updated TEXT,
        version_id   TEXT,
        hash         TEXT NOT NULL,
        event_id     INTEGER,
        json         TEXT NOT NULL,
        UNIQUE (type, id)
      ) STRICT;

      -- Identifiers of resources that other resources point at conditionally (Practitioner?identifier=…).
      CREATE TABLE resource_identifiers (
        type   TEXT NOT NULL,
        system TEXT NOT NULL,
        value  TEXT NOT NULL,
        id     TEXT NOT NULL,
        PRIMARY KEY (type, system, value)
      ) STRICT, WITHOUT ROWID;

      -- The unified timeline: one row per clinical, billing or contact event.
      CREATE TABLE events (
        id             INTEGER PRIMARY KEY,
        patient_id     TEXT NOT NULL,
        at             TEXT NOT NULL,
        kind           TEXT NOT NULL,
        title          TEXT NOT NULL,
        status         TEXT,
        source_type    TEXT NOT NULL,
        source_id      TEXT NOT NULL,
        value          TEXT,
        unit           TEXT,
        interpretation TEXT,
        flag           TEXT,
        amount_cents   INTEGER,
        patient_cents  INTEGER,
        currency       TEXT,
        detail         TEXT,
        search         TEXT NOT NULL
      ) STRICT;
      CREATE INDEX events_by_patient ON events(patient_id, at DESC, id DESC);
    `,
  },
  {
    version: 3,
    name: 'contacts and the scripts used on them',
    sql: `
      CREATE TABLE contacts (
        id          TEXT PRIMARY KEY,
        patient_id  TEXT,
        channel     TEXT NOT NULL,
        started_at  TEXT NOT NULL,
        updated_at  TEXT NOT NULL
      ) STRICT;
      CREATE INDEX contacts_by_patient ON contacts(patient_id, started_at DESC);

      CREATE TABLE contact_scripts (
        contact_id  TEXT NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
        source_type TEXT NOT NULL,
        source_id   TEXT NOT NULL,
        title       TEXT NOT NULL,
        language    TEXT NOT NULL,
        teach_back  TEXT,
        steps_done  TEXT NOT NULL,
        updated_at  TEXT NOT NULL,
        PRIMARY KEY (contact_id, source_type, source_id)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 4,
    name: 'contact wrap-up: call facts, identity check, disposition, notes, callback, timeline event',
    sql: `
      ALTER TABLE contacts ADD COLUMN call TEXT;
      ALTER TABLE contacts ADD COLUMN identity TEXT;
      ALTER TABLE contacts ADD COLUMN disposition TEXT;
      ALTER TABLE contacts ADD COLUMN notes TEXT NOT NULL DEFAULT '';
      ALTER TABLE contacts ADD COLUMN callback TEXT;
      ALTER TABLE contacts ADD COLUMN closed_at TEXT;
      ALTER TABLE contacts ADD COLUMN event_id INTEGER;
      CREATE INDEX contacts_open_callbacks ON contacts(patient_id) WHERE callback IS NOT NULL;
    `,
  },
  {
    version: 5,
    name: 'sources, patient status and links, phone details, event dates as written, deletions',
    sql: `
      -- Where data came from: a FHIR server (its base URL) or files. Everything cached before is "local files".
      CREATE TABLE sources (
        id       INTEGER PRIMARY KEY,
        name     TEXT NOT NULL UNIQUE,
        kind     TEXT NOT NULL,
        added_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO sources (id, name, kind, added_at) VALUES (1, 'local files', 'files', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

      -- resources.id and patients.id are local keys: the FHIR id for source 1, "<FHIR id>~<source id>" for the others
      -- (a FHIR id never contains "~"), so two sources' Patient/1 stay two patients.
      ALTER TABLE resources ADD COLUMN source_id INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE resources ADD COLUMN fhir_id TEXT;
      ALTER TABLE patients ADD COLUMN source_id INTEGER NOT NULL DEFAULT 1;

      CREATE TABLE resource_identifiers_v5 (
        source_id INTEGER NOT NULL,
        type      TEXT NOT NULL,
        system    TEXT NOT NULL,
        value     TEXT NOT NULL,
        id        TEXT NOT NULL,
        PRIMARY KEY (source_id, type, system, value)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO resource_identifiers_v5 (source_id, type, system, value, id) SELECT 1, type, system, value, id FROM resource_identifiers;
      DROP TABLE resource_identifiers;
      ALTER TABLE resource_identifiers_v5 RENAME TO resource_identifiers;

      -- What a source deleted: an older copy imported later must not bring it back.
      CREATE TABLE deleted_resources (
        type       TEXT NOT NULL,
        id         TEXT NOT NULL,
        deleted_at TEXT NOT NULL,
        PRIMARY KEY (type, id)
      ) STRICT, WITHOUT ROWID;

      -- Patient.active and deceased[x] (a date, or 'yes' when the record only says deceased), and Patient.link
      -- (replaced-by, replaces, refer, seealso) plus 'same-identifier' links between sources.
      ALTER TABLE patients ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
      ALTER TABLE patients ADD COLUMN deceased TEXT;
      CREATE TABLE patient_links (
        patient_id TEXT NOT NULL,
        other_id   TEXT NOT NULL,
        kind       TEXT NOT NULL,
        PRIMARY KEY (patient_id, other_id, kind)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX patient_links_by_other ON patient_links(other_id);

      -- Phones with their extension, period and rank, and the numbers of a patient's contacts (a parent): contact is
      -- '' for the patient's own number, else who it belongs to ("Mother").
      CREATE TABLE patient_phones_v5 (
        patient_id   TEXT NOT NULL,
        e164         TEXT NOT NULL,
        ext          TEXT NOT NULL DEFAULT '',
        contact      TEXT NOT NULL DEFAULT '',
        raw          TEXT NOT NULL,
        use          TEXT,
        rank         INTEGER,
        period_start TEXT,
        period_end   TEXT,
        PRIMARY KEY (patient_id, e164, ext, contact)
      ) STRICT, WITHOUT ROWID;
      INSERT INTO patient_phones_v5 (patient_id, e164, raw, use) SELECT patient_id, e164, raw, use FROM patient_phones;
      DROP TABLE patient_phones;
      ALTER TABLE patient_phones_v5 RENAME TO patient_phones;
      CREATE INDEX patient_phones_by_number ON patient_phones(e164);

      -- An event's date as the source wrote it: its calendar day in its own offset, how precise it is (year, month,
      -- day, time) and its offset, so "2019" is shown as 2019 and a 9:00 clinic time stays 9:00.
      ALTER TABLE events ADD COLUMN local_date TEXT;
      ALTER TABLE events ADD COLUMN precision TEXT;
      ALTER TABLE events ADD COLUMN tz TEXT;
      CREATE INDEX events_by_patient_day ON events(patient_id, local_date);
    `,
  },
  {
    version: 6,
    name: 'what a resource said before its references were resolved, and how many stayed unresolved',
    sql: `
      -- source_hash: the resource as its source sent it, before references were made concrete. A later import of the
      -- same content that resolves more references (its target arrived since) replaces the copy; a different content
      -- with nothing to tell which is newer is a conflict, as before.
      ALTER TABLE resources ADD COLUMN source_hash TEXT;
      ALTER TABLE resources ADD COLUMN unresolved INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX resource_identifiers_by_value ON resource_identifiers(source_id, type, value);
    `,
  },
];

export const latestSchemaVersion = migrations[migrations.length - 1]!.version;

export class SchemaTooNewError extends Error {
  readonly code = 'schema_too_new';
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
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
  const hasTable = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
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
