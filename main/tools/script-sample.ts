// npm run scripts:sample -- [--out FILE] [--seed N] [--per-kind N]: a fresh sample of generated scripts, in English
// and Spanish, as Markdown for an independent reviewer (clinical, bilingual, CDC Clear Communication Index). Scripts
// come from a throwaway cache of generated demo patients: no real data is involved.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Script } from '../../preload/contract';
import { conceptText, obj, str, type Json } from '../services/fhir/access';
import { generateDemoBundles, REFERENCE_DATE } from '../services/demo-data';
import { openDatabase } from '../services/db/open';
import { runImport } from '../services/import/run';
import { loadKnowledgePack } from '../services/knowledge/load';
import { buildScript, patientFacts } from '../services/scripts/engine';
import { scriptSources } from '../services/scripts/queries';

const args = process.argv.slice(2);
const value = (flag: string) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};
const out = value('--out') ?? 'script-sample.md';
const seed = Number(value('--seed') ?? Date.now() % 100000);
const perKind = Number(value('--per-kind') ?? 4);
// By default each script is read the day after its own result was taken (as an agent reads fresh results, so that
// critical and same-day scripts come up); --now reads them all on one date instead (old results then show too).
const fixedNow = value('--now') ? Date.parse(value('--now')!) : undefined;
const now = fixedNow ?? Date.parse(`${REFERENCE_DATE}T12:00:00Z`) + 86_400_000;
const readOn = (resource: Json | null) => {
  if (fixedNow !== undefined) return fixedNow;
  const taken = Date.parse(str(resource?.effectiveDateTime) ?? str(obj(resource?.billablePeriod)?.start) ?? str(resource?.issued) ?? '');
  return Number.isNaN(taken) ? now : taken + 86_400_000;
};
const YEAR_MS = 365.25 * 86_400_000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pack = loadKnowledgePack(path.join(root, 'resources', 'knowledge'));
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-sample-'));
const { db } = openDatabase({ file: path.join(dir, 'desk.db'), key: crypto.randomBytes(32) });

/** What a reviewer needs to judge a script that does not say it: who the patient is, what the record says, and when. */
function facts(patient: Json | null, resource: Json | null): string {
  const q = obj(resource?.valueQuantity);
  const value = q ? `${String(q.comparator ?? '')}${String(q.value)} ${String(q.unit ?? q.code ?? '')}` : (conceptText(resource?.valueCodeableConcept) ?? str(resource?.valueString) ?? '(members or no value)');
  const taken = str(resource?.effectiveDateTime) ?? str(resource?.issued) ?? 'no date';
  return `_patient born ${str(patient?.birthDate) ?? '?'}, ${str(patient?.gender) ?? 'sex unknown'}; record value ${value}; taken ${taken}; read on ${new Date(readOn(resource)).toISOString().slice(0, 10)}_`;
}

function render(s: Script, label: string, about: string): string {
  const lines = [`### ${label}: ${s.title} (${s.language}; ${s.safety}; ${s.readability.label})`, '', about, ''];
  for (const step of s.steps) {
    lines.push(`**${step.id}**`);
    for (const l of step.lines) {
      if (!l.say) lines.push(`- _agent only:_ ${l.text}`);
      else lines.push(`- SAY${l.when ? ` _(only ${l.when.replace(/:$/, '')})_` : ''}${l.emphasis ? ` **[${l.emphasis}]**` : ''}: ${l.text}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}

try {
  await runImport(db, { bundles: generateDemoBundles({ seed, patients: 60 }), count: 61, label: 'demo' }, { reportFile: path.join(dir, 'report.txt') });
  type Row = { type: string; id: string; patient_id: string };
  const rows = db.prepare("SELECT type, id, patient_id FROM resources WHERE type IN ('Observation', 'DiagnosticReport', 'ExplanationOfBenefit', 'Claim')").all() as Row[];
  const build = (r: Row, language: 'en' | 'es') => {
    const src = scriptSources(db, { patientId: r.patient_id, type: r.type, id: r.id });
    return buildScript(pack, { patient: patientFacts(r.patient_id, src.patient, src.language, readOn(src.resource)), resource: src.resource, members: src.members, source: { type: r.type, id: r.id }, language });
  };
  // Children get scripts of their own (spoken to a parent): a kind of their own in the sample.
  const isChild = (r: Row) => {
    const born = Date.parse(str(scriptSources(db, { patientId: r.patient_id, type: r.type, id: r.id }).patient?.birthDate) ?? '');
    return !Number.isNaN(born) && (now - born) / YEAR_MS < 13;
  };
  // A few of each kind of script (critical, outside the range, a bill...), each a different test.
  let x = seed || 1;
  const random = () => (x = (x * 48271) % 2147483647) / 2147483647;
  const kinds = new Map<string, { row: Row; title: string }[]>();
  for (let i = 0; i < 6000 && rows.length > 0; i++) {
    const row = rows[Math.floor(random() * rows.length)]!;
    const s = build(row, 'en');
    const kind = `${s.kind} ${s.safety}${s.kind === 'result' && isChild(row) ? ' (child)' : ''}`;
    const list = kinds.get(kind) ?? [];
    if (list.length < perKind && !list.some((e) => e.title === s.title)) list.push({ row, title: s.title });
    kinds.set(kind, list);
  }
  const parts = [`# A sample of generated scripts (seed ${seed}, ${new Date().toISOString().slice(0, 10)})`, ''];
  let n = 0;
  for (const [kind, list] of [...kinds].sort()) {
    parts.push(`## ${kind}`, '');
    for (const { row } of list) {
      n++;
      const src = scriptSources(db, { patientId: row.patient_id, type: row.type, id: row.id });
      for (const language of ['en', 'es'] as const) parts.push(render(build(row, language), `S${n} ${language.toUpperCase()}`, facts(src.patient, src.resource)));
    }
  }
  fs.writeFileSync(out, parts.join('\n'));
  process.stdout.write(`${n * 2} scripts (${n} in each language) written to ${out}\n`);
} finally {
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });
}
