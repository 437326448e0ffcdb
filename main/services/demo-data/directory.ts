import type { Address, Bundle, BundleEntry, Organization, Practitioner } from '@medplum/fhirtypes';
import { SYS, concept, urn } from './fhir';
import { SHARED_INDEX, demoUuid, makeNpi } from './ids';
import { FAMILY, GIVEN_FEMALE, GIVEN_FEMALE_HISPANIC, GIVEN_MALE, GIVEN_MALE_HISPANIC, FAMILY_HISPANIC } from './names';
import { formatPhone, makePhoneDigits } from './phones';
import { Rng, hash3 } from './rng';
import { DAY_MS, REFERENCE_MS, isoInstant } from './time';

export type OrgKind = 'hospital' | 'lab' | 'clinic' | 'pediatrics' | 'cardiology' | 'urgent' | 'pharmacy' | 'physicianGroup' | 'payer';
export type PractitionerRole = 'primary' | 'pediatrics' | 'emergency' | 'hospitalist' | 'urgent' | 'cardiology';
export type PayerKind = 'medicare' | 'advantage' | 'medicaid' | 'commercial' | 'supplement' | 'partD';

/** How a plan pays as the second payer: Medigap plan G or N, Medicaid for a QMB, or ordinary coordination of benefits. */
export type SecondaryRule = 'medigapG' | 'medigapN' | 'qmb' | 'standard';

export interface OrgInfo {
  id: string;
  npi: string;
  name: string;
  kind: OrgKind;
  /** Conditional reference used by patient bundles: Organization?identifier=<npi system>|<npi>. */
  ref: string;
  phone: string;
  address: Address;
}

export interface PractitionerInfo {
  id: string;
  npi: string;
  ref: string;
  display: string;
  role: PractitionerRole;
  org: OrgInfo;
  given: string;
  family: string;
  suffix: string;
  female: boolean;
}

export interface PlanTemplate {
  name: string;
  planId: string;
  sopt: { code: string; display: string };
  deductibleCents: number;
  coinsurance: number;
  copayOfficeCents: number;
  copayUrgentCents: number;
  copayEmergencyCents: number;
  /** Contracted (eligible) amount as a share of billed charges. */
  allowedRatio: number;
  /** Yearly out-of-pocket maximum (0: none, as in Original Medicare). */
  oopMaxCents: number;
  /** Prescription cost sharing: a generic copay, and a brand copay or (if set) a brand coinsurance. */
  rx: { genericCents: number; brandCents: number; brandCoinsurance: number };
  secondaryRule: SecondaryRule;
}

export interface PayerInfo {
  kind: PayerKind;
  org: OrgInfo;
  plans: readonly PlanTemplate[];
  memberSystem: string;
  memberPrefix: string;
  /**
   * How this payer's EOBs look, as real feeds differ: `writeOff` reports the contractual write-off (charged - allowed)
   * as `noncovered` with CARC 45; `memberLiability: false` never states the member's liability.
   */
  style: { writeOff: boolean; memberLiability: boolean };
}

export interface Directory {
  seed: number;
  hospital: OrgInfo;
  lab: OrgInfo;
  urgentCare: OrgInfo;
  primaryClinics: readonly OrgInfo[];
  pediatrics: OrgInfo;
  cardiology: OrgInfo;
  medicare: PayerInfo;
  advantage: PayerInfo;
  medicaid: PayerInfo;
  commercial: readonly PayerInfo[];
  /** Medicare supplement (Medigap) insurer: plans G and N, always the second payer. */
  supplement: PayerInfo;
  /** Stand-alone Medicare Part D prescription drug plan, for Original Medicare patients. */
  partD: PayerInfo;
  /** Medicaid paying Medicare cost sharing for a Qualified Medicare Beneficiary (second payer after Medicare). */
  qmbPlan: PlanTemplate;
  /** A dual-eligible special needs plan (Medicare Advantage with Medicaid), SOPT 14. */
  dsnpPlan: PlanTemplate;
  /** Extra prescription cost sharing for low-income subsidy (LIS) members: nominal copays. */
  lisRx: PlanTemplate['rx'];
  pharmacy: OrgInfo;
  /** An emergency physician group outside every plan's network that staffs shifts at the (in-network) hospital. */
  outOfNetwork: { org: OrgInfo; practitioner: PractitionerInfo };
  practitioners: Record<PractitionerRole, readonly PractitionerInfo[]>;
  organizations: readonly OrgInfo[];
  allPractitioners: readonly PractitionerInfo[];
  /** Conditional reference string -> plain "Type/id", for bulk (NDJSON) output. */
  plainRefs: ReadonlyMap<string, string>;
}

const SHARED_LAST_UPDATED = isoInstant(REFERENCE_MS - 30 * DAY_MS);

function plan(
  name: string,
  planId: string,
  sopt: [string, string],
  deductible: number,
  coinsurance: number,
  copays: [number, number, number],
  allowedRatio: number,
  extra: { oopMax?: number; rx?: [number, number, number]; secondaryRule?: SecondaryRule } = {},
): PlanTemplate {
  const rx = extra.rx ?? [0, 0, 0];
  return {
    name,
    planId,
    sopt: { code: sopt[0], display: sopt[1] },
    deductibleCents: deductible * 100,
    coinsurance,
    copayOfficeCents: copays[0] * 100,
    copayUrgentCents: copays[1] * 100,
    copayEmergencyCents: copays[2] * 100,
    allowedRatio,
    oopMaxCents: (extra.oopMax ?? 0) * 100,
    rx: { genericCents: Math.round(rx[0] * 100), brandCents: Math.round(rx[1] * 100), brandCoinsurance: rx[2] },
    secondaryRule: extra.secondaryRule ?? 'standard',
  };
}

const STANDARD_STYLE = { writeOff: false, memberLiability: true } as const;

const PPO: [string, string] = ['512', 'Commercial Managed Care - PPO'];
const HMO: [string, string] = ['511', 'Commercial Managed Care - HMO'];

const ORG_SPECS: readonly { name: string; kind: OrgKind; street: string; city: string; zip: string }[] = [
  { name: 'Riverbend Regional Medical Center', kind: 'hospital', street: '4500 Medical Dr', city: 'San Antonio', zip: '78229' },
  { name: 'Riverbend Regional Laboratory', kind: 'lab', street: '4502 Medical Dr', city: 'San Antonio', zip: '78229' },
  { name: 'Riverbend Family Medicine - Northwest', kind: 'clinic', street: '9800 Fredericksburg Rd', city: 'San Antonio', zip: '78240' },
  { name: 'Riverbend Family Medicine - Southside', kind: 'clinic', street: '2110 SW Military Dr', city: 'San Antonio', zip: '78224' },
  { name: 'Riverbend Internal Medicine - Medical Center', kind: 'clinic', street: '7940 Floyd Curl Dr', city: 'San Antonio', zip: '78229' },
  { name: 'Riverbend Family Medicine - New Braunfels', kind: 'clinic', street: '600 N Union Ave', city: 'New Braunfels', zip: '78130' },
  { name: 'Riverbend Pediatrics - Stone Oak', kind: 'pediatrics', street: '19000 Stone Oak Pkwy', city: 'San Antonio', zip: '78258' },
  { name: 'Riverbend Cardiology Associates', kind: 'cardiology', street: '7950 Floyd Curl Dr', city: 'San Antonio', zip: '78229' },
  { name: 'Riverbend Urgent Care - Alamo Heights', kind: 'urgent', street: '5100 Broadway', city: 'San Antonio', zip: '78209' },
];

interface PayerSpec {
  name: string;
  kind: PayerKind;
  key: string;
  prefix: string;
  plans: readonly PlanTemplate[];
  style?: PayerInfo['style'];
}

// Bluebonnet (the showcase patients' payer) states everything; Alamo Mutual and the Advantage plan report the
// contractual write-off as not covered (CARC 45), as many real feeds do; Hill Country never states member liability.
const PAYER_SPECS: readonly PayerSpec[] = [
  {
    name: 'Medicare',
    kind: 'medicare',
    key: 'medicare',
    prefix: '1EG4',
    plans: [plan('Original Medicare Part B', 'MEDICARE-B', ['1', 'MEDICARE'], 257, 0.2, [0, 0, 0], 0.4)],
  },
  {
    name: 'Lone Star Senior Advantage',
    kind: 'advantage',
    key: 'senior-advantage',
    prefix: 'LSA',
    plans: [plan('Senior Advantage HMO', 'LSA-HMO-01', ['11', 'Medicare (Managed Care)'], 0, 0, [10, 40, 90], 0.45, { oopMax: 4500, rx: [3, 47, 0] })],
    style: { writeOff: true, memberLiability: true },
  },
  {
    name: 'Lone Star Community Health Plan',
    kind: 'medicaid',
    key: 'community-health',
    prefix: 'LCM',
    plans: [plan('Community Medicaid', 'LCM-MCD-01', ['2', 'MEDICAID'], 0, 0, [0, 0, 0], 0.33)],
  },
  {
    name: 'Bluebonnet Health Insurance Co.',
    kind: 'commercial',
    key: 'bluebonnet',
    prefix: 'BBH',
    plans: [
      plan('Gold PPO 1000', 'BBH-GOLD-1000', PPO, 1000, 0.2, [30, 50, 250], 0.62, { oopMax: 4000, rx: [10, 45, 0] }),
      plan('HSA Bronze 5000', 'BBH-HSA-5000', PPO, 5000, 0.2, [0, 0, 0], 0.58, { oopMax: 7500, rx: [15, 0, 0.3] }),
    ],
  },
  {
    name: 'Alamo Mutual Health',
    kind: 'commercial',
    key: 'alamo-mutual',
    prefix: 'AMH',
    plans: [
      plan('Silver PPO 2500', 'AMH-SILVER-2500', PPO, 2500, 0.3, [40, 60, 350], 0.6, { oopMax: 6000, rx: [15, 60, 0] }),
      plan('Select HMO 500', 'AMH-HMO-500', HMO, 500, 0.1, [25, 50, 150], 0.55, { oopMax: 3500, rx: [5, 35, 0] }),
    ],
    style: { writeOff: true, memberLiability: true },
  },
  {
    name: 'Hill Country Health Plan',
    kind: 'commercial',
    key: 'hill-country',
    prefix: 'HCP',
    plans: [plan('Choice PPO 1500', 'HCP-CHOICE-1500', PPO, 1500, 0.2, [35, 50, 300], 0.57, { oopMax: 5000, rx: [12, 0, 0.25] })],
    style: { writeOff: false, memberLiability: false },
  },
];

/** Payers added after the first ones, from their own random stream so the earlier ids and NPIs stay as they were. */
const EXTRA_PAYER_SPECS: readonly PayerSpec[] = [
  {
    name: 'Pecan Valley Medicare Supplement',
    kind: 'supplement',
    key: 'pecan-valley',
    prefix: 'PVS',
    plans: [
      plan('Medicare Supplement Plan G', 'PVS-MEDSUPP-G', ['523', 'Medicare supplemental policy (as second payer)'], 0, 0, [0, 0, 0], 0.4, {
        secondaryRule: 'medigapG',
      }),
      plan('Medicare Supplement Plan N', 'PVS-MEDSUPP-N', ['523', 'Medicare supplemental policy (as second payer)'], 0, 0, [20, 20, 50], 0.4, {
        secondaryRule: 'medigapN',
      }),
    ],
  },
  {
    name: 'Lone Star Rx',
    kind: 'partD',
    key: 'lone-star-rx',
    prefix: 'LRX',
    plans: [plan('Lone Star Rx Basic (PDP)', 'LRX-PDP-01', ['122', 'Medicare Drug Benefit'], 0, 0, [0, 0, 0], 0.4, { rx: [5, 0, 0.25] })],
  },
];

const QMB_PLAN = plan('Medicaid QMB (Medicare cost sharing)', 'LCM-QMB-01', ['2', 'MEDICAID'], 0, 0, [0, 0, 0], 0.33, { secondaryRule: 'qmb' });
const DSNP_PLAN = plan('Senior Advantage Dual (HMO D-SNP)', 'LSA-DSNP-01', ['14', 'Dual Eligibility Medicare/Medicaid Organization'], 0, 0, [0, 0, 0], 0.45, {
  rx: [1.6, 4.9, 0],
});
const LIS_RX: PlanTemplate['rx'] = { genericCents: 160, brandCents: 490, brandCoinsurance: 0 };

const ROLE_SPECS: readonly { role: PractitionerRole; count: number; suffixes: readonly string[] }[] = [
  { role: 'primary', count: 8, suffixes: ['MD', 'MD', 'DO', 'MD', 'NP'] },
  { role: 'pediatrics', count: 4, suffixes: ['MD', 'MD', 'DO'] },
  { role: 'emergency', count: 4, suffixes: ['MD', 'DO'] },
  { role: 'hospitalist', count: 3, suffixes: ['MD'] },
  { role: 'urgent', count: 3, suffixes: ['NP', 'PA-C', 'MD'] },
  { role: 'cardiology', count: 2, suffixes: ['MD'] },
];

function orgAddress(street: string, city: string, zip: string): Address {
  return { use: 'work', line: [street], city, state: 'TX', postalCode: zip, country: 'US' };
}

function conditional(type: 'Organization' | 'Practitioner', npi: string): string {
  return `${type}?identifier=${SYS.npi}|${npi}`;
}

function buildDirectory(seed: number): Directory {
  const rng = new Rng(hash3(seed, SHARED_INDEX, 0x5eed));
  const npis = new Set<string>();
  const uniqueNpi = (first: 1 | 2, from: Rng = rng): string => {
    for (;;) {
      const npi = makeNpi(from, first);
      if (!npis.has(npi)) {
        npis.add(npi);
        return npi;
      }
    }
  };
  let n = 1;
  const plainRefs = new Map<string, string>();
  const organizations: OrgInfo[] = [];
  const makeOrg = (name: string, kind: OrgKind, address: Address, from: Rng = rng): OrgInfo => {
    const npi = uniqueNpi(from.chance(0.5) ? 1 : 2, from);
    const org: OrgInfo = {
      id: demoUuid(seed, SHARED_INDEX, n++),
      npi,
      name,
      kind,
      ref: conditional('Organization', npi),
      phone: formatPhone(makePhoneDigits(from), 'paren'),
      address,
    };
    plainRefs.set(org.ref, `Organization/${org.id}`);
    organizations.push(org);
    return org;
  };

  const providers = ORG_SPECS.map((s) => makeOrg(s.name, s.kind, orgAddress(s.street, s.city, s.zip)));
  const byKind = (kind: OrgKind): OrgInfo[] => providers.filter((o) => o.kind === kind);
  const makePayer = (s: PayerSpec, from: Rng): PayerInfo => ({
    kind: s.kind,
    org: makeOrg(s.name, 'payer', orgAddress(`PO Box ${from.int(1000, 99999)}`, 'Austin', '78711'), from),
    plans: s.plans,
    memberSystem: `https://${s.key}.example.org/member-id`,
    memberPrefix: s.prefix,
    style: s.style ?? STANDARD_STYLE,
  });
  const payers = PAYER_SPECS.map((s) => makePayer(s, rng));
  const payerOf = (kind: PayerKind): PayerInfo => payers.find((p) => p.kind === kind) as PayerInfo;

  const hospital = byKind('hospital')[0] as OrgInfo;
  const primaryClinics = byKind('clinic');
  const homeOrg: Record<PractitionerRole, readonly OrgInfo[]> = {
    primary: primaryClinics,
    pediatrics: byKind('pediatrics'),
    emergency: [hospital],
    hospitalist: [hospital],
    urgent: byKind('urgent'),
    cardiology: byKind('cardiology'),
  };

  const allPractitioners: PractitionerInfo[] = [];
  const practitioners = {} as Record<PractitionerRole, PractitionerInfo[]>;
  for (const spec of ROLE_SPECS) {
    const list: PractitionerInfo[] = [];
    for (let i = 0; i < spec.count; i++) {
      const female = rng.chance(0.55);
      const hispanic = rng.chance(0.3);
      const given = hispanic ? rng.pick(female ? GIVEN_FEMALE_HISPANIC : GIVEN_MALE_HISPANIC) : rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
      const family = hispanic ? rng.pick(FAMILY_HISPANIC) : rng.pick(FAMILY);
      const suffix = rng.pick(spec.suffixes);
      const npi = uniqueNpi(1);
      const orgs = homeOrg[spec.role];
      const p: PractitionerInfo = {
        id: demoUuid(seed, SHARED_INDEX, n++),
        npi,
        ref: conditional('Practitioner', npi),
        display: `${suffix === 'MD' || suffix === 'DO' ? 'Dr. ' : ''}${given} ${family}, ${suffix}`,
        role: spec.role,
        org: orgs[i % orgs.length] as OrgInfo,
        given,
        family,
        suffix,
        female,
      };
      plainRefs.set(p.ref, `Practitioner/${p.id}`);
      list.push(p);
      allPractitioners.push(p);
    }
    practitioners[spec.role] = list;
  }

  // Added later: their own stream, numbered after everything above, so earlier resources keep their ids.
  const extra = new Rng(hash3(seed, SHARED_INDEX, 0x5eee));
  const [supplement, partD] = EXTRA_PAYER_SPECS.map((s) => makePayer(s, extra)) as [PayerInfo, PayerInfo];
  const pharmacy = makeOrg('Riverbend Outpatient Pharmacy', 'pharmacy', orgAddress('4510 Medical Dr', 'San Antonio', '78229'), extra);
  const oonOrg = makeOrg('Lone Star Emergency Physicians, PLLC', 'physicianGroup', orgAddress('1200 NE Loop 410', 'San Antonio', '78209'), extra);
  const oonFemale = extra.chance(0.5);
  const oonGiven = extra.pick(oonFemale ? GIVEN_FEMALE : GIVEN_MALE);
  const oonFamily = extra.pick(FAMILY);
  const oonNpi = uniqueNpi(1, extra);
  const oonDoctor: PractitionerInfo = {
    id: demoUuid(seed, SHARED_INDEX, n++),
    npi: oonNpi,
    ref: conditional('Practitioner', oonNpi),
    display: `Dr. ${oonGiven} ${oonFamily}, MD`,
    role: 'emergency',
    org: oonOrg,
    given: oonGiven,
    family: oonFamily,
    suffix: 'MD',
    female: oonFemale,
  };
  plainRefs.set(oonDoctor.ref, `Practitioner/${oonDoctor.id}`);
  allPractitioners.push(oonDoctor);

  return {
    seed,
    hospital,
    lab: byKind('lab')[0] as OrgInfo,
    urgentCare: byKind('urgent')[0] as OrgInfo,
    primaryClinics,
    pediatrics: byKind('pediatrics')[0] as OrgInfo,
    cardiology: byKind('cardiology')[0] as OrgInfo,
    medicare: payerOf('medicare'),
    advantage: payerOf('advantage'),
    medicaid: payerOf('medicaid'),
    commercial: payers.filter((p) => p.kind === 'commercial'),
    supplement,
    partD,
    qmbPlan: QMB_PLAN,
    dsnpPlan: DSNP_PLAN,
    lisRx: LIS_RX,
    pharmacy,
    outOfNetwork: { org: oonOrg, practitioner: oonDoctor },
    practitioners,
    organizations,
    allPractitioners,
    plainRefs,
  };
}

const cache = new Map<number, Directory>();

/** The shared organizations, payers and practitioners for a seed (memoised; a few seeds at most). */
export function directory(seed: number): Directory {
  const key = seed | 0;
  let dir = cache.get(key);
  if (!dir) {
    dir = buildDirectory(key);
    if (cache.size >= 8) cache.delete(cache.keys().next().value as number);
    cache.set(key, dir);
  }
  return dir;
}

function organizationResource(dir: Directory, org: OrgInfo): Organization {
  const payer = org.kind === 'payer';
  const resource: Organization = {
    resourceType: 'Organization',
    id: org.id,
    meta: { versionId: '1', lastUpdated: SHARED_LAST_UPDATED },
    identifier: [{ use: 'official', system: SYS.npi, value: org.npi }],
    active: true,
    type: [payer ? concept(SYS.organizationType, 'pay', 'Payer') : concept(SYS.organizationType, 'prov', 'Healthcare Provider')],
    name: org.name,
    telecom: [{ system: 'phone', value: org.phone, use: 'work' }],
    address: [org.address],
  };
  // The health system's own sites are part of the hospital; an outside physician group is not.
  if (!payer && org !== dir.hospital && org.kind !== 'physicianGroup')
    resource.partOf = { reference: `Organization/${dir.hospital.id}`, display: dir.hospital.name };
  return resource;
}

function practitionerResource(p: PractitionerInfo): Practitioner {
  const name = p;
  const doctor = name.suffix === 'MD' || name.suffix === 'DO';
  return {
    resourceType: 'Practitioner',
    id: p.id,
    meta: { versionId: '1', lastUpdated: SHARED_LAST_UPDATED },
    identifier: [{ use: 'official', system: SYS.npi, value: p.npi }],
    active: true,
    name: [
      doctor
        ? { use: 'official', family: name.family, given: [name.given], prefix: ['Dr.'], suffix: [name.suffix] }
        : { use: 'official', family: name.family, given: [name.given], suffix: [name.suffix] },
    ],
    telecom: [{ system: 'phone', value: p.org.phone, use: 'work' }],
    gender: name.female ? 'female' : 'male',
    qualification: [{ code: { text: name.suffix } }],
  };
}

/** Organizations (hospital, clinics, lab, payers) and Practitioners, as an idempotent PUT transaction. */
export function sharedResourcesBundle(seed: number): Bundle {
  const dir = directory(seed);
  const entry: BundleEntry[] = [];
  for (const org of dir.organizations) {
    entry.push({ fullUrl: urn(org.id), resource: organizationResource(dir, org), request: { method: 'PUT', url: `Organization/${org.id}` } });
  }
  for (const p of dir.allPractitioners) {
    entry.push({ fullUrl: urn(p.id), resource: practitionerResource(p), request: { method: 'PUT', url: `Practitioner/${p.id}` } });
  }
  return { resourceType: 'Bundle', id: demoUuid(seed, SHARED_INDEX, 0), type: 'transaction', entry };
}
