// npm run scripts:sample -- [--out FILE] [--seed N] [--per-kind N] [--now ISO]: a fresh sample of generated scripts,
// in English and Spanish, as Markdown for an independent reviewer (clinical, bilingual, CDC Clear Communication
// Index). Scripts come from a throwaway cache of generated demo patients: no real data is involved.
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { scriptSourceTypes, type Script } from '../../preload/contract';
import { conceptText, obj, str, type Json } from '../services/fhir/access';
import { generateDemoBundles, REFERENCE_DATE } from '../services/demo-data';
import { openDatabase } from '../services/db/open';
import { runImport } from '../services/import/run';
import { loadKnowledgePack, type KnowledgePack } from '../services/knowledge/load';
import { buildScript, CHILD_AGE, inputFromSources } from '../services/scripts/engine';
import { scriptSources } from '../services/scripts/queries';

const DAY_MS = 86_400_000;
const YEAR_MS = 365.25 * DAY_MS;

export interface SampleRow {
  type: string;
  id: string;
  patient_id: string;
}

/** When a resource was taken (a result) or given (a bill), in ms; undefined when the record does not say. */
export function takenAt(resource: Json | null): number | undefined {
  const taken = Date.parse(str(resource?.effectiveDateTime) ?? str(obj(resource?.billablePeriod)?.start) ?? str(resource?.issued) ?? '');
  return Number.isNaN(taken) ? undefined : taken;
}

/** The facts a required path is judged on: the script, when it was read, and who the patient was then. */
export interface Candidate {
  script: Script;
  /** Days from the result (or visit) to the day the script is read. */
  days: number | undefined;
  /** The patient is a child on the day the script is read (a parent is on the phone). */
  child: boolean;
}

/**
 * A script every sample includes when the data has one: the paths a sample read the day after each result can never
 * reach, and the bills the random draw tends to miss (round 3 of the plain-language rescore, N13). `readAfter` is how
 * many days after the result to read it when the sample is not read on one fixed date.
 */
export interface RequiredPath {
  name: string;
  readAfter?: number;
  fits: (c: Candidate) => boolean;
}

const pastCritical = (c: Candidate) => c.script.safety === 'critical' && (c.days ?? 0) > 7;
const yearOld = (c: Candidate) => c.script.kind === 'result' && c.script.safety === 'outside-range' && (c.days ?? 0) > 365;

export const requiredPaths: readonly RequiredPath[] = [
  { name: 'a critical result read more than 7 days after it came out', readAfter: 30, fits: (c) => pastCritical(c) && !c.child },
  { name: 'a result outside the usual range from more than a year ago', readAfter: 400, fits: (c) => yearOld(c) && !c.child },
  { name: "a child's past critical result", readAfter: 30, fits: (c) => pastCritical(c) && c.child },
  { name: "a child's result from more than a year ago", readAfter: 400, fits: (c) => yearOld(c) && c.child },
  { name: 'a result the app cannot explain (unknown)', fits: (c) => c.script.kind === 'result' && c.script.safety === 'unknown' },
  { name: 'an explanation of benefits with $0 to pay', fits: (c) => !!c.script.bill?.adjudicated && c.script.bill.patientCents === 0 },
  { name: 'an explanation of benefits with coinsurance', fits: (c) => !!c.script.bill?.lines.some((l) => l.coinsuranceCents > 0 && !l.denied) },
  { name: 'an explanation of benefits with a denied line', fits: (c) => !!c.script.bill?.lines.some((l) => l.denied) },
];

export interface SampleOptions {
  seed: number;
  perKind: number;
  /** Read every script on this date (ms); omitted: each the day after its own result. */
  fixedNow?: number | undefined;
  /** How many random draws fill the kinds (6000 unless a test needs fewer). */
  draws?: number;
}

export interface Sampled {
  row: SampleRow;
  /** When it is read (ms). */
  at: number;
  /** Set for a script included because a required path asked for it. */
  required?: string;
}

/** The scripts of a sample: a few of each kind at random, then every required path the data has. */
export function chooseSample(
  db: Database,
  pack: KnowledgePack,
  options: SampleOptions,
): { kinds: Map<string, Sampled[]>; required: { path: RequiredPath; found: Sampled | null; held?: Sampled }[] } {
  const { seed, perKind, fixedNow, draws = 6000 } = options;
  const defaultNow = Date.parse(`${REFERENCE_DATE}T12:00:00Z`) + DAY_MS;
  const types = scriptSourceTypes.map(() => '?').join(', ');
  const rows = db.prepare(`SELECT type, id, patient_id FROM resources WHERE type IN (${types}) ORDER BY type, id`).all(...scriptSourceTypes) as SampleRow[];
  const sources = (r: SampleRow) => scriptSources(db, { patientId: r.patient_id, type: r.type, id: r.id });
  // By default a script is read the day after its own result (as an agent reads fresh results, so that critical and
  // same-day scripts come up); a fixed date reads them all on one day.
  const readOn = (r: SampleRow, after = 1) => {
    if (fixedNow !== undefined) return fixedNow;
    const taken = takenAt(sources(r).resource);
    return taken === undefined ? defaultNow : taken + after * DAY_MS;
  };
  const candidate = (r: SampleRow, at: number): Candidate => {
    const src = sources(r);
    const script = buildScript(pack, inputFromSources(src, { patientId: r.patient_id, source: { type: r.type, id: r.id }, language: 'en', now: at }));
    const taken = takenAt(src.resource);
    const born = Date.parse(str(src.patient?.birthDate) ?? '');
    const child = script.kind === 'result' && !Number.isNaN(born) && (at - born) / YEAR_MS < CHILD_AGE;
    return { script, days: taken === undefined ? undefined : (at - taken) / DAY_MS, child };
  };

  // A few of each kind of script (critical, outside the range, a bill...), each a different test.
  let x = seed || 1;
  const random = () => (x = (x * 48271) % 2147483647) / 2147483647;
  const kinds = new Map<string, Sampled[]>();
  const titles = new Map<string, Set<string>>();
  const picked = new Set<string>();
  for (let i = 0; i < draws && rows.length > 0; i++) {
    const row = rows[Math.floor(random() * rows.length)]!;
    const at = readOn(row);
    const c = candidate(row, at);
    const kind = `${c.script.kind} ${c.script.safety}${c.child ? ' (child)' : ''}`;
    const list = kinds.get(kind) ?? [];
    const seen = titles.get(kind) ?? new Set<string>();
    if (list.length < perKind && !seen.has(c.script.title)) {
      list.push({ row, at });
      seen.add(c.script.title);
      picked.add(`${row.type}/${row.id}`);
    }
    kinds.set(kind, list);
    titles.set(kind, seen);
  }

  // Every required path the data has: one the random draw already holds, else the first that fits, in a seeded order.
  const order = rows
    .map((r) => ({ r, k: random() }))
    .sort((a, b) => a.k - b.k)
    .map((e) => e.r);
  const sampled = [...kinds.values()].flat();
  const required = requiredPaths.map((p) => {
    const held = sampled.find((s) => p.fits(candidate(s.row, s.at)));
    if (held) return { path: p, found: null, held };
    for (const row of order) {
      if (picked.has(`${row.type}/${row.id}`)) continue;
      const at = readOn(row, p.readAfter);
      if (p.fits(candidate(row, at))) {
        picked.add(`${row.type}/${row.id}`);
        return { path: p, found: { row, at, required: p.name } };
      }
    }
    return { path: p, found: null };
  });
  return { kinds, required };
}

/** What a reviewer needs to judge a script that does not say it: who the patient is, what the record says, and when. */
function facts(patient: Json | null, resource: Json | null, at: number): string {
  const q = obj(resource?.valueQuantity);
  const value = q
    ? `${String(q.comparator ?? '')}${String(q.value)} ${String(q.unit ?? q.code ?? '')}`
    : (conceptText(resource?.valueCodeableConcept) ?? str(resource?.valueString) ?? '(members or no value)');
  const taken = str(resource?.effectiveDateTime) ?? str(obj(resource?.billablePeriod)?.start) ?? str(resource?.issued) ?? 'no date';
  return `_patient born ${str(patient?.birthDate) ?? '?'}, ${str(patient?.gender) ?? 'sex unknown'}; record value ${value}; taken ${taken}; read on ${new Date(at).toISOString().slice(0, 10)}_`;
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

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const value = (flag: string) => {
    const i = args.indexOf(flag);
    return i >= 0 ? args[i + 1] : undefined;
  };
  const out = value('--out') ?? 'script-sample.md';
  const seed = Number(value('--seed') ?? Date.now() % 100000);
  const perKind = Number(value('--per-kind') ?? 4);
  const fixedNow = value('--now') ? Date.parse(value('--now')!) : undefined;

  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
  const pack = loadKnowledgePack(path.join(root, 'resources', 'knowledge'));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-sample-'));
  const { db } = openDatabase({ file: path.join(dir, 'desk.db'), key: crypto.randomBytes(32) });
  try {
    await runImport(db, { bundles: generateDemoBundles({ seed, patients: 60 }), count: 61, label: 'demo' }, { reportFile: path.join(dir, 'report.txt') });
    const { kinds, required } = chooseSample(db, pack, { seed, perKind, fixedNow });
    const build = (s: Sampled, language: 'en' | 'es') => {
      const src = scriptSources(db, { patientId: s.row.patient_id, type: s.row.type, id: s.row.id });
      return buildScript(pack, inputFromSources(src, { patientId: s.row.patient_id, source: { type: s.row.type, id: s.row.id }, language, now: s.at }));
    };
    const parts = [`# A sample of generated scripts (seed ${seed}, ${new Date().toISOString().slice(0, 10)})`, ''];
    let n = 0;
    const numbers = new Map<Sampled, number>();
    const emit = (s: Sampled) => {
      n++;
      numbers.set(s, n);
      const src = scriptSources(db, { patientId: s.row.patient_id, type: s.row.type, id: s.row.id });
      for (const language of ['en', 'es'] as const)
        parts.push(render(build(s, language), `S${n} ${language.toUpperCase()}`, facts(src.patient, src.resource, s.at)));
      return n;
    };
    const body: string[] = [];
    const mark = parts.length;
    for (const [kind, list] of [...kinds].sort()) {
      parts.push(`## ${kind}`, '');
      for (const s of list) emit(s);
    }
    const where: string[] = [];
    const extra = required.filter((r) => r.found);
    if (extra.length > 0) parts.push('## required paths (read on the date each needs)', '');
    for (const r of required) {
      if (r.found)
        where.push(
          `- ${r.path.name}: S${emit(r.found)}${fixedNow === undefined && r.path.readAfter ? ` (read ${r.path.readAfter} days after the result)` : ''}`,
        );
      else if (r.held) where.push(`- ${r.path.name}: S${numbers.get(r.held) ?? '?'}, in the random draw`);
    }
    const missing = required.filter((r) => !r.found && !r.held).map((r) => `- ${r.path.name}`);
    body.push(
      'Paths every sample includes when the data has them (round 3, N13):',
      '',
      ...where,
      '',
      missing.length ? 'Not found in this data, so not in this sample:' : 'Every one was found.',
      ...(missing.length ? ['', ...missing] : []),
      '',
    );
    parts.splice(mark, 0, ...body);
    fs.writeFileSync(out, parts.join('\n'));
    process.stdout.write(`${n * 2} scripts (${n} in each language) written to ${out}${missing.length ? `; not found: ${missing.length}` : ''}\n`);
  } finally {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

// Run as a tool (node dist/tools/script-sample.js), not when a test imports the selection above.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
