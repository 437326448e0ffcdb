// Synthetic FHIR resources and the billing scenarios shared by the script tests.
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { demoPatientId, SHOWCASE } from '../../main/services/demo-data';
import type { Json } from '../../main/services/fhir/access';
import type { KnowledgePack } from '../../main/services/knowledge/load';
import { buildScript, type BuildOptions, type ScriptInput } from '../../main/services/scripts/engine';
import type { Script, ScriptLanguage } from '../../preload/contract';
import { pack as shippedPack } from './script-cache';

export const SEED = 20261101;
export const LOINC = 'http://loinc.org';
export const UCUM = 'http://unitsofmeasure.org';
export const SNOMED = 'http://snomed.info/sct';
const INTERPRETATION = 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation';
const ADJUDICATION = 'http://terminology.hl7.org/CodeSystem/adjudication';

export type Patient = ScriptInput['patient'];
export const adultFemale: Patient = { id: 'synthetic-female', sex: 'female', birthDate: '1980-05-05', language: null };
export const adultMale: Patient = { id: 'synthetic-male', sex: 'male', birthDate: '1975-03-03', language: null };

/** The day every synthetic result was taken. */
export const resultDate = '2026-11-03T09:30:00Z';

let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

export interface ObservationOptions {
  id?: string;
  /** A v3 interpretation code (H, HH, LL, N...) and/or its text. */
  flag?: { code?: string; text?: string };
  referenceRange?: { low?: number; high?: number; unit: string };
  date?: string;
}

function observationBase(code: { code: string; system?: string; display?: string }, o: ObservationOptions): Json {
  const resource: Json = {
    resourceType: 'Observation',
    id: o.id ?? nextId('obs'),
    status: 'final',
    code: { coding: [{ system: code.system ?? LOINC, code: code.code, ...(code.display ? { display: code.display } : {}) }] },
    subject: { reference: 'Patient/synthetic' },
    effectiveDateTime: o.date ?? resultDate,
  };
  if (o.flag) {
    resource.interpretation = [
      { ...(o.flag.code ? { coding: [{ system: INTERPRETATION, code: o.flag.code }] } : {}), ...(o.flag.text ? { text: o.flag.text } : {}) },
    ];
  }
  if (o.referenceRange) {
    const q = (v: number | undefined) => (v === undefined ? {} : { value: v, unit: o.referenceRange!.unit, system: UCUM, code: o.referenceRange!.unit });
    resource.referenceRange = [
      {
        ...(o.referenceRange.low !== undefined ? { low: q(o.referenceRange.low) } : {}),
        ...(o.referenceRange.high !== undefined ? { high: q(o.referenceRange.high) } : {}),
      },
    ];
  }
  return resource;
}

/** An Observation with a valueQuantity in `unit` (a UCUM code, also used as the shown unit). */
export function quantityObservation(loinc: string, value: number, unit: string, o: ObservationOptions = {}): Json {
  return { ...observationBase({ code: loinc }, o), valueQuantity: { value, unit, system: UCUM, code: unit } };
}

/** A presence test: SNOMED "Detected" / "Not detected". */
export function presenceObservation(loinc: string, detected: boolean, o: ObservationOptions = {}): Json {
  const value = detected ? { code: '260373001', display: 'Detected' } : { code: '260415000', display: 'Not detected' };
  return { ...observationBase({ code: loinc }, o), valueCodeableConcept: { coding: [{ system: SNOMED, ...value }], text: value.display } };
}

/** An Observation with a code but no value[x]. */
export function emptyObservation(loinc: string, o: ObservationOptions = {}): Json {
  return observationBase({ code: loinc }, o);
}

/** An Observation coded in some other system (or a LOINC code the pack does not know). */
export function codedObservation(code: { code: string; system: string; display: string }, value: number, unit: string, o: ObservationOptions = {}): Json {
  return { ...observationBase(code, o), valueQuantity: { value, unit, system: UCUM, code: unit } };
}

export function diagnosticReport(loinc: string, members: readonly Json[], o: { id?: string; date?: string } = {}): Json {
  return {
    resourceType: 'DiagnosticReport',
    id: o.id ?? nextId('report'),
    status: 'final',
    code: { coding: [{ system: LOINC, code: loinc }] },
    subject: { reference: 'Patient/synthetic' },
    effectiveDateTime: o.date ?? resultDate,
    result: members.map((m) => ({ reference: `Observation/${String(m.id)}` })),
  };
}

/** The script for a resource that is not in any cache (members given directly). */
export function buildFor(
  resource: Json,
  options: {
    patient?: Patient;
    language?: ScriptLanguage;
    members?: readonly Json[];
    coverages?: readonly Json[];
    pack?: KnowledgePack;
    onViolation?: BuildOptions['onViolation'];
    now?: number;
  } = {},
): Script {
  const source = { type: String(resource.resourceType), id: String(resource.id) };
  // Read the day after the synthetic results were taken, unless the test says when.
  const patient = { ...(options.patient ?? adultFemale), now: options.now ?? options.patient?.now ?? Date.parse(resultDate) + 86_400_000 };
  return buildScript(
    options.pack ?? shippedPack,
    { patient, resource, members: options.members ?? [], coverages: options.coverages ?? [], source, language: options.language },
    { onViolation: options.onViolation ?? (() => undefined) },
  );
}

// ---------- Bills ----------

const money = (dollars: number) => ({ value: dollars, currency: 'USD' });
const adjudication = (code: string, dollars: number) => ({ category: { coding: [{ system: ADJUDICATION, code }] }, amount: money(dollars) });

const memberLiability = (dollars: number) => ({
  category: { coding: [{ system: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication', code: 'memberliability' }] },
  amount: money(dollars),
});

/** An EOB with a copay line and a separate coinsurance line, totals consistent with the lines (CARIN BB style). */
export function copayCoinsuranceEob(): Json {
  return {
    resourceType: 'ExplanationOfBenefit',
    id: nextId('eob'),
    status: 'active',
    use: 'claim',
    patient: { reference: 'Patient/synthetic' },
    billablePeriod: { start: '2026-10-12T14:00:00Z' },
    item: [
      {
        sequence: 1,
        productOrService: { text: 'Office visit' },
        servicedDate: '2026-10-12',
        adjudication: [
          adjudication('submitted', 180),
          adjudication('eligible', 110),
          adjudication('copay', 30),
          adjudication('benefit', 80),
          memberLiability(30),
        ],
      },
      {
        sequence: 2,
        productOrService: { text: 'Chest X-ray' },
        servicedDate: '2026-10-12',
        adjudication: [
          adjudication('submitted', 165),
          adjudication('eligible', 120),
          adjudication('coinsurance', 24),
          adjudication('benefit', 96),
          memberLiability(24),
        ],
      },
    ],
    total: [adjudication('submitted', 345), adjudication('benefit', 176), adjudication('copay', 30), adjudication('coinsurance', 24), memberLiability(54)],
    payment: { amount: money(176) },
  };
}

/** A Claim the plan has not processed yet. */
export function pendingClaim(): Json {
  return {
    resourceType: 'Claim',
    id: nextId('claim'),
    status: 'active',
    use: 'claim',
    patient: { reference: 'Patient/synthetic' },
    billablePeriod: { start: '2026-10-20T10:00:00Z' },
    item: [
      { sequence: 1, productOrService: { text: 'Office visit' }, servicedDate: '2026-10-20', net: money(225) },
      { sequence: 2, productOrService: { text: 'Routine venipuncture' }, servicedDate: '2026-10-20', net: money(14) },
    ],
    total: money(239),
  };
}

export interface CachedSource {
  patientId: string;
  source: { type: string; id: string };
  json: Json;
}

function eobsOf(db: Database, index: number): CachedSource[] {
  const patientId = demoPatientId(SEED, index);
  const rows = db.prepare("SELECT id, json FROM resources WHERE type = 'ExplanationOfBenefit' AND patient_id = ? ORDER BY id").all(patientId) as {
    id: string;
    json: string;
  }[];
  return rows.map((r) => ({ patientId, source: { type: 'ExplanationOfBenefit', id: r.id }, json: JSON.parse(r.json) as Json }));
}

type Adj = { category?: { coding?: { code?: string }[] }; amount?: { value?: number }; reason?: { coding?: { system?: string; code?: string }[] } };
type Insurance = { focal?: boolean; coverage?: { reference?: string } };
const codesOf = (cc: unknown) => ((cc as { coding?: { code?: string }[] } | undefined)?.coding ?? []).map((c) => c.code);
const secondaryPayer = (eob: Json) => ((eob.insurance ?? []) as Insurance[])[1]?.focal === true;
type Item = { adjudication?: Adj[] };
const amountOf = (list: Adj[] | undefined, code: string) => list?.find((a) => a.category?.coding?.some((c) => c.code === code))?.amount?.value;
const items = (eob: Json) => (eob.item ?? []) as Item[];

function pick(db: Database, index: number, what: string, test: (eob: Json) => boolean): CachedSource {
  const found = eobsOf(db, index).find((e) => test(e.json));
  if (!found) throw new Error(`showcase patient ${index} has no ${what}`);
  return found;
}

/** The showcase EOBs, chosen by what the documents themselves say (never by what a script says). */
export const showcaseBills = {
  /** Index 1: a line with a deductible. */
  deductible: (db: Database) =>
    pick(db, SHOWCASE.spanishDeductibleEob, 'EOB with a deductible', (e) => items(e).some((i) => (amountOf(i.adjudication, 'deductible') ?? 0) > 0)),
  /** Index 3: the EOB tagged as having totals that disagree with its lines. */
  totalsMismatch: (db: Database) =>
    pick(db, SHOWCASE.eobTotalsMismatch, 'totals-mismatch EOB', (e) =>
      ((e.meta as { tag?: { code?: string }[] } | undefined)?.tag ?? []).some((t) => t.code === 'totals-mismatch'),
    ),
  /** Index 6: nothing for the patient to pay, no denials. */
  zeroDollar: (db: Database) =>
    pick(
      db,
      SHOWCASE.zeroDollarClaim,
      'zero-dollar EOB',
      (e) =>
        amountOf(e.total as Adj[], 'memberliability') === 0 &&
        items(e).every((i) => (i.adjudication ?? []).every((a) => !a.reason)) &&
        items(e).some((i) => (amountOf(i.adjudication, 'submitted') ?? 0) > 0),
    ),
  /** Index 7: a line denied with a CARC reason. */
  denied: (db: Database) =>
    pick(db, SHOWCASE.deniedLine, 'EOB with a denied line', (e) =>
      items(e).some((i) => (i.adjudication ?? []).some((a) => a.reason?.coding?.some((c) => c.system?.includes('claim-adjustment-reason')))),
    ),
};

/**
 * The showcase bills added with the billing rework (indices 9 to 16), chosen by what the documents say. A cache must
 * hold at least index + 1 demo patients for a case to be found.
 */
export const showcaseBillingCases = {
  /** Index 9: a prescription fill, a pharmacy EOB paid at the counter. */
  pharmacyFill: (db: Database) => pick(db, SHOWCASE.pharmacyFill, 'pharmacy EOB', (e) => codesOf(e.type).includes('pharmacy')),
  /** Index 10: the Medigap plan's EOB, after Medicare's, with prior payer paid. */
  secondary: (db: Database) =>
    pick(db, SHOWCASE.secondaryEob, 'secondary EOB', (e) => secondaryPayer(e) && (amountOf(e.total as Adj[], 'priorpayerpaid') ?? 0) > 0),
  /** Index 10: Medicare's (primary) EOB for the same claim as `secondary`. */
  secondaryPrimary: (db: Database) => {
    const second = showcaseBillingCases.secondary(db).json;
    const claim = (second.claim as { reference?: string } | undefined)?.reference;
    return pick(
      db,
      SHOWCASE.secondaryEob,
      'primary EOB of the secondary',
      (e) => !secondaryPayer(e) && e.status === 'active' && (e.claim as { reference?: string } | undefined)?.reference === claim,
    );
  },
  /** Index 11: an EOB that states no member liability, only deductible, copay and coinsurance. */
  noMemberLiability: (db: Database) =>
    pick(
      db,
      SHOWCASE.noMemberLiability,
      'EOB without member liability',
      (e) => !codesOf(e.type).includes('pharmacy') && !JSON.stringify(e).includes('memberliability'),
    ),
  /** Index 12: an estimate for planned care (use: predetermination). */
  predetermination: (db: Database) => pick(db, SHOWCASE.predetermination, 'predetermination', (e) => e.use === 'predetermination' && e.status === 'active'),
  /** Index 13: the out-of-network emergency physician's EOB (No Surprises Act: in-network cost sharing only). */
  emergencyOutOfNetwork: (db: Database) =>
    pick(db, SHOWCASE.emergencyOutOfNetwork, 'out-of-network EOB', (e) =>
      ((e.adjudication ?? []) as Adj[]).some((a) => a.reason?.coding?.some((c) => c.code === 'outofnetwork')),
    ),
  /** Index 14: an EOB entered in error. */
  enteredInError: (db: Database) => pick(db, SHOWCASE.correctedEob, 'EOB entered in error', (e) => e.status === 'entered-in-error'),
  /** Index 14: the corrected EOB that replaced `enteredInError`. */
  corrected: (db: Database) => {
    const claim = (showcaseBillingCases.enteredInError(db).json.claim as { reference?: string } | undefined)?.reference;
    return pick(
      db,
      SHOWCASE.correctedEob,
      'corrected EOB',
      (e) => e.status === 'active' && (e.claim as { reference?: string } | undefined)?.reference === claim,
    );
  },
  /** Index 15: a contractual write-off reported as not covered with CARC 45 (the provider's, not the patient's). */
  writeOff: (db: Database) =>
    pick(db, SHOWCASE.writeOffEob, 'write-off EOB', (e) =>
      items(e).some((i) => (i.adjudication ?? []).some((a) => a.reason?.coding?.some((c) => c.code === '45'))),
    ),
  /** Index 16: Medicaid's EOB after Medicare's for a Qualified Medicare Beneficiary: nothing left for the patient. */
  qmbMedicaid: (db: Database) => pick(db, SHOWCASE.qmbDualEligible, 'QMB Medicaid EOB', (e) => secondaryPayer(e)),
  /** Index 16: Medicare's EOB for the QMB, which states cost sharing the provider may not bill. */
  qmbMedicare: (db: Database) =>
    pick(db, SHOWCASE.qmbDualEligible, 'QMB Medicare EOB', (e) => !secondaryPayer(e) && !codesOf(e.type).includes('pharmacy') && e.status === 'active'),
};
