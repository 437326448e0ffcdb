/** The FHIR resource types the desk keeps. Anything else is skipped on import, with that reason. */
export const importedTypes = [
  'Patient',
  'Encounter',
  'Observation',
  'DiagnosticReport',
  'Condition',
  'MedicationRequest',
  'Immunization',
  'Procedure',
  'AllergyIntolerance',
  'CarePlan',
  'Appointment',
  'Claim',
  'ExplanationOfBenefit',
  'Coverage',
  'Organization',
  'Practitioner',
] as const;
export type ImportedType = (typeof importedTypes)[number];

const importedSet = new Set<string>(importedTypes);
export const isImportedType = (t: string): t is ImportedType => importedSet.has(t);

/** Types with identifiers that other resources reference conditionally (Practitioner?identifier=system|value). */
export const conditionallyReferenced = new Set<string>(['Patient', 'Organization', 'Practitioner']);

/** Files are imported in this order so that what is referenced usually arrives before what refers to it. */
export const importOrder: readonly string[] = ['Organization', 'Practitioner', 'Patient', 'Coverage', 'Encounter'];

/** Code systems we recognise; a coded element with none of them is imported with a note. */
export const knownCodeSystems = new Set([
  'http://loinc.org',
  'http://snomed.info/sct',
  'http://www.nlm.nih.gov/research/umls/rxnorm',
  'http://hl7.org/fhir/sid/cvx',
  'http://www.ama-assn.org/go/cpt',
  'http://hl7.org/fhir/sid/icd-10-cm',
  'http://hl7.org/fhir/sid/icd-10',
  'http://hl7.org/fhir/sid/ndc',
  'urn:oid:2.16.840.1.113883.6.238',
]);
