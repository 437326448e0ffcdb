// Runs inside the database worker.
import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import type { Contact, ContactPatch, ContactScript, StepId, TeachBack } from '../../../preload/contract';
import { foldForSearch } from '../patients/normalize';

interface ContactRow {
  id: string;
  patient_id: string | null;
  channel: 'call' | 'manual';
  started_at: string;
  updated_at: string;
  call: string | null;
  identity: string | null;
  disposition: Contact['disposition'];
  notes: string;
  callback: string | null;
  closed_at: string | null;
  event_id: number | null;
}

const parse = <T>(text: string | null): T | null => (text === null ? null : (JSON.parse(text) as T));

function scriptsOf(db: Database, id: string): ContactScript[] {
  const rows = db.prepare('SELECT * FROM contact_scripts WHERE contact_id = ? ORDER BY updated_at').all(id) as {
    source_type: string;
    source_id: string;
    title: string;
    language: 'en' | 'es';
    teach_back: TeachBack | null;
    steps_done: string;
    updated_at: string;
  }[];
  return rows.map((s) => ({
    source: { type: s.source_type, id: s.source_id },
    title: s.title,
    language: s.language,
    teachBack: s.teach_back,
    stepsDone: JSON.parse(s.steps_done) as StepId[],
    updatedAt: s.updated_at,
  }));
}

function toContact(db: Database, row: ContactRow): Contact {
  return {
    id: row.id,
    patientId: row.patient_id,
    channel: row.channel,
    startedAt: row.started_at,
    updatedAt: row.updated_at,
    scripts: scriptsOf(db, row.id),
    call: parse(row.call),
    identity: parse(row.identity),
    disposition: row.disposition,
    notes: row.notes,
    callback: parse(row.callback),
    closedAt: row.closed_at,
  };
}

export function getContact(db: Database, id: string): Contact | null {
  const row = db.prepare('SELECT * FROM contacts WHERE id = ?').get(id) as ContactRow | undefined;
  return row ? toContact(db, row) : null;
}

export function recentContacts(db: Database, a: { patientId: string; limit: number }): Contact[] {
  const rows = db.prepare('SELECT * FROM contacts WHERE patient_id = ? ORDER BY started_at DESC LIMIT ?').all(a.patientId, a.limit) as ContactRow[];
  return rows.map((r) => toContact(db, r));
}

/** Timeline titles for the default dispositions; an organisation's own ids are shown as written. */
const dispositionTitle: Record<string, string> = {
  'question-answered': 'question answered',
  'result-explained': 'result explained',
  'bill-explained': 'bill explained',
  'appointment-booked': 'appointment booked',
  'callback-promised': 'callback promised',
  'transferred-nurse': 'transferred to the nurse line',
  'transferred-billing': 'transferred to billing',
  'wrong-number': 'wrong number',
  'caller-hung-up': 'caller hung up',
  other: 'other',
};

/** Keeps the contact's row on the patient's timeline in step with the contact (one event, replaced on change). */
function syncTimelineEvent(db: Database, c: Contact, oldEventId: number | null): number | null {
  if (oldEventId !== null) db.prepare('DELETE FROM events WHERE id = ?').run(oldEventId);
  if (!c.patientId) return null;
  const what = c.call ? `${c.call.training ? 'Training call' : 'Call'} (${c.call.direction})` : 'Contact';
  const title = c.disposition ? `${what} — ${dispositionTitle[c.disposition] ?? c.disposition.replace(/-/g, ' ')}` : what;
  const detail = [c.notes.slice(0, 300), c.callback ? `Callback promised by ${c.callback.due}: ${c.callback.reason}` : ''].filter(Boolean).join(' · ');
  const info = db
    .prepare(
      `INSERT INTO events (patient_id, at, kind, title, status, source_type, source_id, detail, search)
       VALUES (?, ?, 'contact', ?, ?, 'Contact', ?, ?, ?)`,
    )
    .run(c.patientId, c.startedAt, title, c.closedAt ? 'closed' : 'open', c.id, detail || null, foldForSearch(`${title} ${detail}`));
  return Number(info.lastInsertRowid);
}

export function startContact(db: Database, a: { patientId: string | null; channel: 'call' | 'manual'; now: string }): Contact {
  const id = crypto.randomUUID();
  return db.transaction(() => {
    db.prepare('INSERT INTO contacts (id, patient_id, channel, started_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, a.patientId, a.channel, a.now, a.now);
    const c = getContact(db, id)!;
    const eventId = syncTimelineEvent(db, c, null);
    db.prepare('UPDATE contacts SET event_id = ? WHERE id = ?').run(eventId, id);
    return c;
  })();
}

/** Applies what the agent changed, in one transaction with the timeline event. Null when the contact is unknown. */
export function updateContact(db: Database, a: { contactId: string; patch: ContactPatch; now: string }): Contact | null {
  return db.transaction(() => {
    const row = db.prepare('SELECT * FROM contacts WHERE id = ?').get(a.contactId) as ContactRow | undefined;
    if (!row) return null;
    const p = a.patch;
    const sets: string[] = ['updated_at = @now'];
    const values: Record<string, unknown> = { id: a.contactId, now: a.now };
    const set = (column: string, value: unknown) => {
      sets.push(`${column} = @${column}`);
      values[column] = value;
    };
    if (p.patientId !== undefined) set('patient_id', p.patientId);
    if (p.call !== undefined) set('call', JSON.stringify(p.call));
    if (p.identity !== undefined) set('identity', JSON.stringify(p.identity));
    if (p.disposition !== undefined) set('disposition', p.disposition);
    if (p.notes !== undefined) set('notes', p.notes);
    if (p.callback !== undefined) set('callback', p.callback === null ? null : JSON.stringify(p.callback));
    if (p.closed !== undefined) set('closed_at', p.closed ? (row.closed_at ?? a.now) : null);
    db.prepare(`UPDATE contacts SET ${sets.join(', ')} WHERE id = @id`).run(values);
    const c = getContact(db, a.contactId)!;
    const eventId = syncTimelineEvent(db, c, row.event_id);
    db.prepare('UPDATE contacts SET event_id = ? WHERE id = ?').run(eventId, a.contactId);
    return c;
  })();
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
