import type { Address, ContactPoint, Patient } from '@medplum/fhirtypes';
import type { Directory, PayerInfo, PlanTemplate, PractitionerInfo } from './directory';
import { SYS, ref } from './fhir';
import { demoPatientId } from './ids';
import {
  FAMILY,
  FAMILY_HISPANIC,
  FAMILY_HISPANIC_PLAIN,
  GIVEN_FEMALE,
  GIVEN_FEMALE_HISPANIC,
  GIVEN_MALE,
  GIVEN_MALE_HISPANIC,
  PLACE_WEIGHTS,
  PLACES,
  STREET_SUFFIXES,
  STREETS,
  stripAccents,
} from './names';
import { type PhoneFormat, formatPhone, makePhoneDigits, otherPhoneFormat, pickPhoneFormat } from './phones';
import { Rng, at, hash3, mix32 } from './rng';
import { type ShowcaseRole, plainBillingRole, showcaseHousehold, showcaseRole } from './showcase';
import { DAY_MS, REFERENCE_MS, YEAR_MS, ageAt, isoDate, yearOf } from './time';

export type Relationship = 'self' | 'spouse' | 'child';

/** One plan a person holds. */
export interface CoverageInfo {
  payer: PayerInfo;
  plan: PlanTemplate;
  memberId: string;
}

export interface Person {
  index: number;
  id: string;
  role: ShowcaseRole | undefined;
  gender: 'male' | 'female';
  given: string[];
  family: string;
  birthMs: number;
  age: number;
  child: boolean;
  spanish: boolean;
  address: Address;
  telecom: ContactPoint[];
  email: string | undefined;
  mrn: string;
  payer: PayerInfo;
  plan: PlanTemplate;
  memberId: string;
  relationship: Relationship;
  coverageStartMs: number;
  /** A second payer (Medigap, Medicaid for a QMB, a spouse's or retiree plan), billed after the primary. */
  secondary: CoverageInfo | undefined;
  /** A stand-alone Part D plan, for Original Medicare patients' prescriptions. */
  drug: CoverageInfo | undefined;
  /** Low-income subsidy: nominal prescription copays (dual eligibles). */
  lis: boolean;
  /** Uninsured: a self-pay coverage and claims that no plan adjudicates. */
  selfPay: boolean;
  /** A showcase role from before the billing rework: plain EOBs only (see showcase.ts). */
  plainBilling: boolean;
  pcp: PractitionerInfo;
  /** Adult height and usual weight; children's are derived from age at each visit. */
  heightIn: number;
  weightLb: number;
  guardian: { given: string; family: string; phone: string } | undefined;
}

interface Household {
  spanish: boolean;
  hispanic: boolean;
  family: string;
  address: Address;
  phoneDigits: string;
  formats: [PhoneFormat, PhoneFormat];
  payerPick: number;
}

/** Spanish-speakers' share is about 30%; some English speakers have Hispanic names too. */
const SPANISH_SHARE = 0.3;
const CHILD_SHARE = 0.2;
const HOUSEHOLD_SHARE = 0.05;

function makeAddress(rng: Rng): Address {
  const place = rng.weighted(PLACES, PLACE_WEIGHTS);
  const line = [`${rng.int(100, 19999)} ${rng.pick(STREETS)} ${rng.pick(STREET_SUFFIXES)}`];
  if (rng.chance(0.2)) line.push(`Apt ${rng.int(1, 40)}${rng.pick(['A', 'B', 'C', 'D'])}`);
  return { use: 'home', type: 'physical', line, city: place.city, state: 'TX', postalCode: rng.pick(place.postalCodes), country: 'US' };
}

function makeFamily(rng: Rng, hispanic: boolean, spanish: boolean): string {
  if (!hispanic) return rng.pick(FAMILY);
  const i = Math.floor(rng.next() * FAMILY_HISPANIC.length);
  const accented = spanish ? rng.chance(0.8) : rng.chance(0.4);
  const first = accented ? at(FAMILY_HISPANIC, i) : at(FAMILY_HISPANIC_PLAIN, i);
  if (spanish && rng.chance(0.1)) return `${first} ${accented ? rng.pick(FAMILY_HISPANIC) : rng.pick(FAMILY_HISPANIC_PLAIN)}`;
  return first;
}

function makeGiven(rng: Rng, female: boolean, hispanic: boolean, spanish: boolean): string[] {
  const list = hispanic ? (female ? GIVEN_FEMALE_HISPANIC : GIVEN_MALE_HISPANIC) : female ? GIVEN_FEMALE : GIVEN_MALE;
  const first = rng.pick(list);
  const given = [hispanic && !spanish && rng.chance(0.5) ? stripAccents(first) : first];
  if (rng.chance(0.3)) given.push(rng.pick(list));
  return given;
}

function makeHousehold(seed: number, block: number): Household {
  const rng = new Rng(hash3(seed, block, 0x40e5e));
  const spanish = rng.chance(SPANISH_SHARE);
  const hispanic = spanish || rng.chance(0.12);
  const first = pickPhoneFormat(rng);
  return {
    spanish,
    hispanic,
    family: makeFamily(rng, hispanic, spanish),
    address: makeAddress(rng),
    phoneDigits: makePhoneDigits(rng),
    formats: [first, otherPhoneFormat(rng, first)],
    payerPick: rng.next(),
  };
}

function isHousehold(seed: number, block: number): boolean {
  return showcaseHousehold(block) ?? new Rng(hash3(seed, block, 0x4011d)).next() < HOUSEHOLD_SHARE;
}

function pickAge(rng: Rng, role: ShowcaseRole | undefined, childChance: number): number {
  switch (role) {
    case 'child':
      return rng.int(2, 10);
    case 'criticalPotassiumAdult':
      return rng.int(45, 80);
    case 'secondaryEob':
    case 'qmbDualEligible':
      return rng.int(67, 84);
    case undefined:
      break;
    default:
      return rng.int(26, 62);
  }
  if (rng.chance(childChance)) return rng.int(0, 17);
  const [lo, hi] = rng.weighted(
    [
      [18, 34],
      [35, 49],
      [50, 64],
      [65, 79],
      [80, 95],
    ] as const,
    [28, 24, 26, 16, 6],
  );
  return rng.int(lo, hi);
}

const MBI_LETTERS = 'ACDEFGHJKMNPQRTUVWXY';
const MBI_ALNUM = MBI_LETTERS + '0123456789';

/** A Medicare Beneficiary Identifier shaped like the real format (never a real one: the generator is random). */
function makeMbi(rng: Rng): string {
  const l = (): string => MBI_LETTERS.charAt(rng.int(0, MBI_LETTERS.length - 1));
  const a = (): string => MBI_ALNUM.charAt(rng.int(0, MBI_ALNUM.length - 1));
  const d = (): string => String(rng.int(0, 9));
  return String(rng.int(1, 9)) + l() + a() + d() + l() + a() + d() + l() + l() + d() + d();
}

function pickCoverage(dir: Directory, rng: Rng, age: number, role: ShowcaseRole | undefined, pick: number): { payer: PayerInfo; plan: PlanTemplate } {
  switch (role) {
    case 'spanishDeductibleEob':
    case 'eobTotalsMismatch':
    case 'pharmacyFill':
    case 'predetermination':
    case 'emergencyOutOfNetwork':
    case 'correctedEob':
    case 'uninsured': {
      const payer = at(dir.commercial, 0);
      return { payer, plan: at(payer.plans, 0) };
    }
    case 'noMemberLiability':
    case 'writeOffEob': {
      const payer = dir.commercial.find((c) => (role === 'writeOffEob' ? c.style.writeOff : !c.style.memberLiability)) as PayerInfo;
      return { payer, plan: at(payer.plans, 0) };
    }
    case 'secondaryEob':
    case 'qmbDualEligible':
      return { payer: dir.medicare, plan: at(dir.medicare.plans, 0) };
    default:
      break;
  }
  let payer: PayerInfo;
  const medicaidShare = age < 18 ? 0.5 : 0.2;
  if (age >= 65) payer = pick < 0.55 ? dir.medicare : dir.advantage;
  else if (pick < medicaidShare) payer = dir.medicaid;
  else {
    const n = dir.commercial.length;
    payer = at(dir.commercial, Math.min(n - 1, Math.floor(((pick - medicaidShare) / (1 - medicaidShare)) * n)));
  }
  return { payer, plan: rng.pick(payer.plans) };
}

function memberIdFor(rng: Rng, payer: PayerInfo): string {
  return payer.kind === 'medicare' ? makeMbi(rng) : `${payer.memberPrefix}${String(rng.int(100000000, 999999999))}`;
}

interface CoverageExtras {
  plan?: PlanTemplate;
  secondary: CoverageInfo | undefined;
  drug: CoverageInfo | undefined;
  lis: boolean;
  selfPay: boolean;
}

/**
 * Second payers, Part D, dual eligibility and the uninsured, from a stream of their own (so demographics are
 * unchanged). A household under 65 decides together: one family, one set of plans.
 */
function coverageExtras(dir: Directory, rng: Rng, role: ShowcaseRole | undefined, payer: PayerInfo): CoverageExtras {
  const out: CoverageExtras = { secondary: undefined, drug: undefined, lis: false, selfPay: false };
  const commercialOther = (): CoverageInfo => {
    const others = dir.commercial.filter((c) => c !== payer);
    const other = rng.pick(others.length > 0 ? others : dir.commercial);
    return { payer: other, plan: rng.pick(other.plans), memberId: memberIdFor(rng, other) };
  };
  const partD = (): CoverageInfo => ({ payer: dir.partD, plan: at(dir.partD.plans, 0), memberId: memberIdFor(rng, dir.partD) });
  const medigap = (planIndex: number): CoverageInfo => ({
    payer: dir.supplement,
    plan: at(dir.supplement.plans, planIndex),
    memberId: memberIdFor(rng, dir.supplement),
  });
  const qmb = (): CoverageInfo => ({ payer: dir.medicaid, plan: dir.qmbPlan, memberId: memberIdFor(rng, dir.medicaid) });
  if (plainBillingRole(role)) return out;
  switch (role) {
    case 'secondaryEob':
      return { ...out, secondary: medigap(0), drug: partD() };
    case 'qmbDualEligible':
      return { ...out, secondary: qmb(), drug: partD(), lis: true };
    case 'uninsured':
      return { ...out, selfPay: true };
    case undefined:
      break;
    default:
      return out;
  }
  const u = rng.next();
  switch (payer.kind) {
    case 'medicare':
      out.drug = partD();
      if (u < 0.4) out.secondary = medigap(rng.chance(0.7) ? 0 : 1);
      else if (u < 0.52) {
        out.secondary = qmb();
        out.lis = true;
      } else if (u < 0.62) out.secondary = commercialOther();
      break;
    case 'advantage':
      if (u < 0.2) {
        out.plan = dir.dsnpPlan;
        out.lis = true;
      }
      break;
    case 'commercial':
      // Same thresholds for every age, so a household (one draw) decides for all its members alike.
      if (u < 0.06) out.selfPay = true;
      else if (u < 0.16) out.secondary = commercialOther();
      break;
    default:
      break;
  }
  return out;
}

/** The demographic and insurance facts of one patient; independent of how many events are generated. */
export function makePerson(seed: number, index: number, dir: Directory): Person {
  const rng = new Rng(hash3(seed, index, 1));
  const role = showcaseRole(index);
  const block = Math.floor(index / 2);
  const household = isHousehold(seed, block) ? makeHousehold(seed, block) : undefined;
  const secondInHousehold = household !== undefined && index % 2 === 1;

  let age: number;
  if (household && !secondInHousehold) age = rng.int(26, 70);
  else if (household) age = rng.chance(0.5) ? rng.int(1, 16) : rng.int(24, 72);
  else age = pickAge(rng, role, CHILD_SHARE);
  const birthMs = Math.floor((REFERENCE_MS - age * YEAR_MS - rng.float(1, 360) * DAY_MS) / DAY_MS) * DAY_MS;
  age = ageAt(birthMs, REFERENCE_MS);
  const child = age < 18;

  let spanish: boolean;
  if (household) spanish = household.spanish;
  else if (role === 'spanishDeductibleEob') spanish = true;
  else if (role === 'criticalPotassiumAdult') spanish = false;
  else spanish = rng.chance(SPANISH_SHARE);
  const hispanic = household ? household.hispanic : spanish || rng.chance(0.12);

  const female = rng.chance(0.51);
  const given = makeGiven(rng, female, hispanic, spanish);
  const family = household ? household.family : makeFamily(rng, hispanic, spanish);
  const address = household ? household.address : makeAddress(rng);

  const telecom: ContactPoint[] = [];
  let guardian: Person['guardian'];
  if (household) {
    const format = household.formats[secondInHousehold ? 1 : 0];
    telecom.push({ system: 'phone', value: formatPhone(household.phoneDigits, format), use: 'home' });
    if (!child && rng.chance(0.7)) telecom.push({ system: 'phone', value: formatPhone(makePhoneDigits(rng), pickPhoneFormat(rng)), use: 'mobile' });
  } else if (child) {
    telecom.push({ system: 'phone', value: formatPhone(makePhoneDigits(rng), pickPhoneFormat(rng)), use: 'home' });
  } else {
    if (rng.chance(0.9)) telecom.push({ system: 'phone', value: formatPhone(makePhoneDigits(rng), pickPhoneFormat(rng)), use: 'mobile' });
    if (telecom.length === 0 || rng.chance(0.3)) telecom.push({ system: 'phone', value: formatPhone(makePhoneDigits(rng), pickPhoneFormat(rng)), use: 'home' });
    if (rng.chance(0.12)) telecom.push({ system: 'phone', value: formatPhone(makePhoneDigits(rng), pickPhoneFormat(rng)), use: 'work' });
  }
  const firstPhone = telecom[0]?.value ?? '';
  if (child) {
    const gFemale = rng.chance(0.7);
    let gGiven = makeGiven(rng, gFemale, hispanic, spanish)[0] as string;
    // In a household the guardian is the other member, the adult at the even index.
    if (secondInHousehold) gGiven = at(makePerson(seed, index - 1, dir).given, 0);
    guardian = { given: gGiven, family, phone: firstPhone };
  }
  let email: string | undefined;
  if (!child && rng.chance(0.55)) {
    const local = `${stripAccents(at(given, 0))}.${stripAccents(family)}`.toLowerCase().replace(/[^a-z.]/g, '');
    email = `${local}${rng.int(1, 99)}@example.com`;
  }

  const picked = pickCoverage(dir, rng, age, role, household && age < 65 ? household.payerPick : rng.next());
  const payer = picked.payer;
  const relationship: Relationship = secondInHousehold ? (child ? 'child' : 'spouse') : child ? 'child' : 'self';
  const memberId = memberIdFor(rng, payer);
  const extrasRng = new Rng(household && age < 65 ? hash3(seed, block, 0xc0fe) : hash3(seed, index, 0xc0fe));
  const extras = coverageExtras(dir, extrasRng, role, payer);
  const plan = extras.plan ?? picked.plan;
  // Coverage reaches back over every visit (three years), or to the year of birth.
  const years = Math.min(age, Math.max(3, rng.int(1, 8)));
  const coverageStartMs = Date.UTC(Math.max(yearOf(birthMs), yearOf(REFERENCE_MS) - years), 0, 1);

  const pcpList = child ? dir.practitioners.pediatrics : dir.practitioners.primary;
  const heightIn = female ? rng.normal(64, 2.6) : rng.normal(69.5, 2.8);
  const bmi = Math.min(48, Math.max(18, rng.normal(28.5, 5.5)));

  return {
    index,
    id: demoPatientId(seed, index),
    role,
    gender: female ? 'female' : 'male',
    given,
    family,
    birthMs,
    age,
    child,
    spanish,
    address,
    telecom,
    email,
    mrn: makeMrn(seed, index),
    payer,
    plan,
    memberId,
    relationship,
    coverageStartMs,
    secondary: extras.secondary,
    drug: extras.drug,
    lis: extras.lis,
    selfPay: extras.selfPay,
    plainBilling: plainBillingRole(role),
    pcp: rng.pick(pcpList),
    heightIn,
    weightLb: (bmi * heightIn * heightIn) / 703,
    guardian,
  };
}

/** 8-digit MRN; a bijection of the index (below 90 million) so MRNs never repeat within a seed. */
export function makeMrn(seed: number, index: number): string {
  return String(10_000_000 + ((index * 7919 + (mix32(seed) % 90_000_000)) % 90_000_000));
}

const SPANISH = {
  language: { coding: [{ system: SYS.bcp47, code: 'es', display: 'Spanish' }], text: 'Español' },
  preferred: true,
};
const ENGLISH = {
  language: { coding: [{ system: SYS.bcp47, code: 'en', display: 'English' }], text: 'English' },
  preferred: true,
};

export function patientResource(p: Person, dir: Directory, head: { id: string; meta: Patient['meta'] & object }): Patient {
  const identifier: Patient['identifier'] = [
    {
      use: 'usual',
      type: { coding: [{ system: SYS.identifierType, code: 'MR', display: 'Medical record number' }], text: 'MRN' },
      system: SYS.mrn,
      value: p.mrn,
    },
  ];
  if (p.index % 5 !== 4 && !p.selfPay) {
    identifier.push({
      use: 'secondary',
      type: { coding: [{ system: SYS.identifierType, code: 'MB', display: 'Member Number' }], text: 'Member ID' },
      system: p.payer.memberSystem,
      value: p.memberId,
      assigner: { display: p.payer.org.name },
    });
  }
  const telecom = p.telecom.map((t) => ({ ...t }));
  if (p.email) telecom.push({ system: 'email', value: p.email, use: 'home' });
  const patient: Patient = {
    resourceType: 'Patient',
    id: head.id,
    meta: head.meta,
    identifier,
    active: true,
    name: [{ use: 'official', family: p.family, given: [...p.given] }],
    telecom,
    gender: p.gender,
    birthDate: isoDate(p.birthMs),
    address: [{ ...p.address, line: [...(p.address.line ?? [])] }],
    communication: [p.spanish ? structuredCloneLite(SPANISH) : structuredCloneLite(ENGLISH)],
    generalPractitioner: [ref(p.pcp.ref, p.pcp.display)],
    managingOrganization: ref(dir.hospital.ref, dir.hospital.name),
  };
  if (p.guardian) {
    patient.contact = [
      {
        relationship: [{ coding: [{ system: SYS.contactRole, code: 'N', display: 'Next-of-Kin' }], text: 'Parent/guardian' }],
        name: { use: 'official', family: p.guardian.family, given: [p.guardian.given] },
        telecom: [{ system: 'phone', value: p.guardian.phone, use: 'home' }],
      },
    ];
  }
  return patient;
}

function structuredCloneLite(c: typeof SPANISH): typeof SPANISH {
  return { language: { coding: [{ ...at(c.language.coding, 0) }], text: c.language.text }, preferred: c.preferred };
}
