import { localIdSyntax } from '../../../preload/contract';
import { arr, codings, obj, str, type Json } from '../fhir/access';
import { addressCountry } from './country';
import { preferredLanguage } from './language';
import { foldForSearch } from './normalize';
import { ended, periodEnd, periodStart } from './period';
import { phonesIn } from './phone';

export interface PatientPhone {
  e164: string;
  /** Digits of the extension, '' when none: a number with one never matches a caller (caller ID has none). */
  ext: string;
  /** '' for the patient's own number, else who it belongs to as the record says ("Mother"), or "Contact". */
  contact: string;
  raw: string;
  use: string | null;
  rank: number | null;
  /** ISO instants; numbers are matched only within their period, checked when a call comes, not at import. */
  periodStart: string | null;
  periodEnd: string | null;
}

export interface PatientLink {
  otherId: string;
  /** Patient.link.type: replaced-by, replaces, refer, seealso. */
  kind: string;
}

export interface PatientIndexRow {
  id: string;
  name: string;
  nameSearch: string;
  birthDate: string | null;
  gender: string | null;
  mrn: string | null;
  /** The best current number of the patient's own (rank, then mobile, home, work), E.164. */
  phone: string | null;
  language: string | null;
  postalCode: string | null;
  active: boolean;
  /** The date of death as written (date part), 'yes' when the record only says deceased, null when not deceased. */
  deceased: string | null;
  identifiers: { system: string; value: string }[];
  phones: PatientPhone[];
  links: PatientLink[];
}

export interface IndexOptions {
  /** ISO 3166 country of national numbers when the patient's address names none (settings.organisation.country). */
  country: string;
  /** Leave out 555-0100…555-0199 numbers (reserved for fiction in North America). */
  ignoreFictionalNumbers?: boolean;
  /** "Now" for periods (tests); default the current time. */
  now?: string;
}

export const contactFallbackLabel = 'Contact';

const linkTypes = new Set(['replaced-by', 'replaces', 'refer', 'seealso']);
const useOrder: Record<string, number> = { mobile: 0, home: 1, work: 2 };

function humanName(n: Json): string {
  const text = str(n.text);
  if (text) return text;
  const given = arr(n.given)
    .filter((g): g is string => typeof g === 'string')
    .join(' ');
  return [given, str(n.family)].filter(Boolean).join(' ');
}

const identifierUseOrder: Record<string, number> = { official: 0, usual: 1 };

/** Identifiers still in use (no `use: old`, period not ended), and the MRN: the current MR-typed one, official first. */
function identifiersOf(p: Json, now: string) {
  const current = arr(p.identifier).flatMap((i) => {
    const o = obj(i);
    const value = str(o?.value);
    if (!o || !value || o.use === 'old' || ended(o.period, now)) return [];
    return [{ system: str(o.system) ?? '', value, mr: codings(o.type).some((c) => c.code === 'MR'), use: str(o.use) ?? '' }];
  });
  const mrn = current.filter((i) => i.mr).sort((a, b) => (identifierUseOrder[a.use] ?? 2) - (identifierUseOrder[b.use] ?? 2))[0];
  return { identifiers: current.map(({ system, value }) => ({ system, value })), mrn: mrn?.value ?? null };
}

function deceasedOf(p: Json): string | null {
  const date = str(p.deceasedDateTime);
  if (date) return /^\d{4}(-\d{2}(-\d{2})?)?/.exec(date)?.[0] ?? 'yes';
  return p.deceasedBoolean === true ? 'yes' : null;
}

const localPatientReference = new RegExp(`^Patient/(${localIdSyntax})(?:/_history/[^/]+)?$`);

function linksOf(p: Json): PatientLink[] {
  return arr(p.link).flatMap((l) => {
    const o = obj(l);
    const kind = str(o?.type);
    // prepare has made references local ("Patient/<id>"); one still absolute points at another server: not ours.
    const m = localPatientReference.exec(str(obj(o?.other)?.reference) ?? '');
    return kind && linkTypes.has(kind) && m ? [{ otherId: m[1]!, kind }] : [];
  });
}

/** Telecoms that are phone numbers (a missing system is accepted when the value parses as one), as index rows. */
function phoneRows(telecom: unknown, contact: string, country: string | undefined, options: IndexOptions): PatientPhone[] {
  return arr(telecom).flatMap((t) => {
    const o = obj(t);
    const raw = str(o?.value);
    if (!o || !raw || o.use === 'old') return [];
    if (o.system !== undefined && o.system !== 'phone' && o.system !== 'sms') return [];
    const period = obj(o.period);
    const rank = typeof o.rank === 'number' && Number.isInteger(o.rank) && o.rank > 0 ? o.rank : null;
    return phonesIn(raw, country, options.country, options).map((n) => ({
      e164: n.e164,
      ext: n.ext,
      contact,
      raw,
      use: str(o.use) ?? null,
      rank,
      periodStart: periodStart(str(period?.start)),
      periodEnd: periodEnd(str(period?.end)),
    }));
  });
}

/** HL7 v2-0131 contact roles and v3 RoleCode relations, for relationships coded without a display. */
const relationshipCodes: Record<string, string> = {
  C: 'Emergency contact',
  N: 'Next of kin',
  E: 'Employer',
  MTH: 'Mother',
  FTH: 'Father',
  PRN: 'Parent',
  GRD: 'Guardian',
  SPS: 'Spouse',
  HUSB: 'Husband',
  WIFE: 'Wife',
  DOMPART: 'Partner',
  CHILD: 'Child',
  SON: 'Son',
  DAU: 'Daughter',
  SIB: 'Sibling',
  GRPRN: 'Grandparent',
  FRND: 'Friend',
};

/** Who a Patient.contact is, as the record says it: relationship text or display (or a known code), else "Contact". */
function contactLabel(c: Json): string {
  for (const r of arr(c.relationship)) {
    const o = obj(r);
    const said =
      str(o?.text) ??
      codings(o).find((x) => x.display)?.display ??
      codings(o)
        .map((x) => relationshipCodes[x.code ?? ''])
        .find(Boolean);
    if (said) return said.slice(0, 80);
  }
  return contactFallbackLabel;
}

const isCurrent = (ph: PatientPhone, now: string) => (!ph.periodStart || ph.periodStart <= now) && (!ph.periodEnd || ph.periodEnd >= now);

/** Best first: the record's rank, then mobile, home, work, then as listed. */
export function comparePhones(a: Pick<PatientPhone, 'rank' | 'use'>, b: Pick<PatientPhone, 'rank' | 'use'>): number {
  return (a.rank ?? Infinity) - (b.rank ?? Infinity) || (useOrder[a.use ?? ''] ?? 3) - (useOrder[b.use ?? ''] ?? 3);
}

/** The searchable facts of a FHIR Patient: names, current identifiers and MRN, phones, language, status and links. */
export function patientIndexRow(p: Json & { id: string }, options: IndexOptions): PatientIndexRow {
  const now = options.now ?? new Date().toISOString();
  const names = arr(p.name)
    .map(obj)
    .filter((n): n is Json => !!n);
  const official = names.find((n) => n.use === 'official') ?? names[0];
  const display = (official && humanName(official)) || 'Unnamed patient';
  const allNames = names.map(humanName).filter(Boolean).join(' ');
  const { identifiers, mrn } = identifiersOf(p, now);
  const country = addressCountry(p.address, now);
  const own = phoneRows(p.telecom, '', country, options);
  const contacts = arr(p.contact)
    .map(obj)
    .filter((c): c is Json => !!c && !ended(c.period, now))
    .flatMap((c) => phoneRows(c.telecom, contactLabel(c), country, options));
  const phones = new Map<string, PatientPhone>();
  for (const ph of [...own, ...contacts]) {
    const key = `${ph.e164};${ph.ext};${ph.contact}`;
    const seen = phones.get(key);
    // The same number listed twice: keep the better-ranked listing.
    if (!seen || comparePhones(ph, seen) < 0) phones.set(key, ph);
  }
  const best = own.filter((ph) => isCurrent(ph, now)).sort(comparePhones)[0];
  const address = obj(arr(p.address)[0]);
  return {
    id: p.id,
    name: display,
    nameSearch: foldForSearch(allNames || display),
    birthDate: str(p.birthDate) ?? null,
    gender: str(p.gender) ?? null,
    mrn,
    phone: best?.e164 ?? null,
    language: preferredLanguage(p.communication),
    postalCode: str(address?.postalCode) ?? null,
    active: p.active !== false,
    deceased: deceasedOf(p),
    identifiers,
    phones: [...phones.values()],
    links: linksOf(p),
  };
}
