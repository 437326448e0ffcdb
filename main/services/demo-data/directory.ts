import type { Address, Bundle, BundleEntry, Organization, Practitioner } from '@medplum/fhirtypes';
import { SYS, concept, urn } from './fhir';
import { SHARED_INDEX, demoUuid, makeNpi } from './ids';
import { FAMILY, GIVEN_FEMALE, GIVEN_FEMALE_HISPANIC, GIVEN_MALE, GIVEN_MALE_HISPANIC, FAMILY_HISPANIC } from './names';
import { formatPhone, makePhoneDigits } from './phones';
import { Rng, hash3 } from './rng';
import { DAY_MS, REFERENCE_MS, isoInstant } from './time';

export type OrgKind = 'hospital' | 'lab' | 'clinic' | 'pediatrics' | 'cardiology' | 'urgent' | 'payer';
export type PractitionerRole = 'primary' | 'pediatrics' | 'emergency' | 'hospitalist' | 'urgent' | 'cardiology';
export type PayerKind = 'medicare' | 'advantage' | 'medicaid' | 'commercial';

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
}

export interface PayerInfo {
  kind: PayerKind;
  org: OrgInfo;
  plans: readonly PlanTemplate[];
  memberSystem: string;
  memberPrefix: string;
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
): PlanTemplate {
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
  };
}

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

const PAYER_SPECS: readonly { name: string; kind: PayerKind; key: string; prefix: string; plans: readonly PlanTemplate[] }[] = [
  { name: 'Medicare', kind: 'medicare', key: 'medicare', prefix: '1EG4', plans: [plan('Original Medicare Part B', 'MEDICARE-B', ['1', 'MEDICARE'], 257, 0.2, [0, 0, 0], 0.4)] },
  {
    name: 'Lone Star Senior Advantage',
    kind: 'advantage',
    key: 'senior-advantage',
    prefix: 'LSA',
    plans: [plan('Senior Advantage HMO', 'LSA-HMO-01', ['11', 'Medicare (Managed Care)'], 0, 0, [10, 40, 90], 0.45)],
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
      plan('Gold PPO 1000', 'BBH-GOLD-1000', PPO, 1000, 0.2, [30, 50, 250], 0.62),
      plan('HSA Bronze 5000', 'BBH-HSA-5000', PPO, 5000, 0.2, [0, 0, 0], 0.58),
    ],
  },
  {
    name: 'Alamo Mutual Health',
    kind: 'commercial',
    key: 'alamo-mutual',
    prefix: 'AMH',
    plans: [
      plan('Silver PPO 2500', 'AMH-SILVER-2500', PPO, 2500, 0.3, [40, 60, 350], 0.6),
      plan('Select HMO 500', 'AMH-HMO-500', HMO, 500, 0.1, [25, 50, 150], 0.55),
    ],
  },
  {
    name: 'Hill Country Health Plan',
    kind: 'commercial',
    key: 'hill-country',
    prefix: 'HCP',
    plans: [plan('Choice PPO 1500', 'HCP-CHOICE-1500', PPO, 1500, 0.2, [35, 50, 300], 0.57)],
  },
];

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
  const uniqueNpi = (first: 1 | 2): string => {
    for (;;) {
      const npi = makeNpi(rng, first);
      if (!npis.has(npi)) {
        npis.add(npi);
        return npi;
      }
    }
  };
  let n = 1;
  const plainRefs = new Map<string, string>();
  const organizations: OrgInfo[] = [];
  const makeOrg = (name: string, kind: OrgKind, address: Address): OrgInfo => {
    const npi = uniqueNpi(rng.chance(0.5) ? 1 : 2);
    const org: OrgInfo = {
      id: demoUuid(seed, SHARED_INDEX, n++),
      npi,
      name,
      kind,
      ref: conditional('Organization', npi),
      phone: formatPhone(makePhoneDigits(rng), 'paren'),
      address,
    };
    plainRefs.set(org.ref, `Organization/${org.id}`);
    organizations.push(org);
    return org;
  };

  const providers = ORG_SPECS.map((s) => makeOrg(s.name, s.kind, orgAddress(s.street, s.city, s.zip)));
  const byKind = (kind: OrgKind): OrgInfo[] => providers.filter((o) => o.kind === kind);
  const payers = PAYER_SPECS.map((s): PayerInfo => ({
    kind: s.kind,
    org: makeOrg(s.name, 'payer', orgAddress(`PO Box ${rng.int(1000, 99999)}`, 'Austin', '78711')),
    plans: s.plans,
    memberSystem: `https://${s.key}.example.org/member-id`,
    memberPrefix: s.prefix,
  }));
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
      const given = hispanic
        ? rng.pick(female ? GIVEN_FEMALE_HISPANIC : GIVEN_MALE_HISPANIC)
        : rng.pick(female ? GIVEN_FEMALE : GIVEN_MALE);
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
  if (!payer && org !== dir.hospital) resource.partOf = { reference: `Organization/${dir.hospital.id}`, display: dir.hospital.name };
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
