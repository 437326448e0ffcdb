// Runs inside the database worker.
import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Contact, ContactScript, StepId, TeachBack } from '../../../preload/contract';

interface ContactRow {
  id: string;
  patient_id: string | null;
  channel: 'call' | 'manual';
  started_at: string;
  updated_at: string;
}

export function getContact(db: Database, id: string): Contact | null {
  const row = db.prepare('SELECT * FROM contacts WHERE id = ?').get(id) as ContactRow | undefined;
  if (!row) return null;
  const scripts = db
    .prepare('SELECT * FROM contact_scripts WHERE contact_id = ? ORDER BY updated_at')
    .all(id) as { source_type: string; source_id: string; title: string; language: 'en' | 'es'; teach_back: TeachBack | null; steps_done: string; updated_at: string }[];
  return {
    id: row.id,
    patientId: row.patient_id,
    channel: row.channel,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    scripts: scripts.map(
      (s): ContactScript => ({
        source: { type: s.source_type, id: s.source_id },
        title: s.title,
        language: s.language,
        teachBack: s.teach_back,
        stepsDone: JSON.parse(s.steps_done) as StepId[],
        updatedAt: s.updated_at,
      }),
    ),
  };
}

export function startContact(db: Database, a: { patientId: string | null; channel: 'call' | 'manual'; now: string }): Contact {
  const id = crypto.randomUUID();
  db.prepare('INSERT INTO contacts (id, patient_id, channel, started_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, a.patientId, a.channel, a.now, a.now);
  return getContact(db, id)!;
}

export interface ScriptRecord {
  contactId: string;
  source: { type: string; id: string };
  title: string;
  language: 'en' | 'es';
  teachBack: TeachBack | null;
  stepsDone: StepId[];
  now: string;
}

/** Saves how a script went on a contact (one row per source; the latest state wins). Null when the contact is unknown. */
export function recordScript(db: Database, r: ScriptRecord): Contact | null {
  const saved = db.transaction(() => {
    const touched = db.prepare('UPDATE contacts SET updated_at = ? WHERE id = ?').run(r.now, r.contactId).changes;
    if (!touched) return false;
    db.prepare(
      `INSERT INTO contact_scripts (contact_id, source_type, source_id, title, language, teach_back, steps_done, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (contact_id, source_type, source_id) DO UPDATE SET title = excluded.title, language = excluded.language,
         teach_back = excluded.teach_back, steps_done = excluded.steps_done, updated_at = excluded.updated_at`,
    ).run(r.contactId, r.source.type, r.source.id, r.title, r.language, r.teachBack, JSON.stringify(r.stepsDone), r.now);
    return true;
  })();
  return saved ? getContact(db, r.contactId) : null;
}
