import type { CodeableConcept, Coding, Money, Quantity, Reference, Resource } from '@medplum/fhirtypes';

export const SYS = {
  loinc: 'http://loinc.org',
  snomed: 'http://snomed.info/sct',
  ucum: 'http://unitsofmeasure.org',
  rxnorm: 'http://www.nlm.nih.gov/research/umls/rxnorm',
  cvx: 'http://hl7.org/fhir/sid/cvx',
  cpt: 'http://www.ama-assn.org/go/cpt',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  npi: 'http://hl7.org/fhir/sid/us-npi',
  mrn: 'http://hospital.example.org/mrn',
  identifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  contactRole: 'http://terminology.hl7.org/CodeSystem/v2-0131',
  bcp47: 'urn:ietf:bcp:47',
  obsCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  diagnosticService: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  actCode: 'http://terminology.hl7.org/CodeSystem/v3-ActCode',
  participationType: 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionVerification: 'http://terminology.hl7.org/CodeSystem/condition-ver-status',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  allergyClinical: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical',
  allergyVerification: 'http://terminology.hl7.org/CodeSystem/allergyintolerance-verification',
  organizationType: 'http://terminology.hl7.org/CodeSystem/organization-type',
  claimType: 'http://terminology.hl7.org/CodeSystem/claim-type',
  processPriority: 'http://terminology.hl7.org/CodeSystem/processpriority',
  coverageClass: 'http://terminology.hl7.org/CodeSystem/coverage-class',
  subscriberRelationship: 'http://terminology.hl7.org/CodeSystem/subscriber-relationship',
  sopt: 'https://nahdo.org/sopt',
  adjudication: 'http://terminology.hl7.org/CodeSystem/adjudication',
  c4bbAdjudication: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudication',
  c4bbDiscriminator: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBAdjudicationDiscriminator',
  carc: 'https://x12.org/codes/claim-adjustment-reason-codes',
  payerAdjudicationStatus: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBPayerAdjudicationStatus',
  c4bbSupportingInfo: 'http://hl7.org/fhir/us/carin-bb/CodeSystem/C4BBSupportingInfoType',
  claimCareTeamRole: 'http://terminology.hl7.org/CodeSystem/claimcareteamrole',
  ndc: 'http://hl7.org/fhir/sid/ndc',
  placeOfService: 'https://www.cms.gov/Medicare/Coding/place-of-service-codes/Place_of_Service_Code_Set',
  revenue: 'https://www.nubc.org/CodeSystem/RevenueCodes',
  paymentType: 'http://terminology.hl7.org/CodeSystem/ex-paymenttype',
  demoTag: 'urn:ambassador-desk:demo',
  localCodes: 'http://example.org/local-codes',
} as const;

export function coding(system: string, code: string, display: string): Coding {
  return { system, code, display };
}

export function concept(system: string, code: string, display: string, text?: string): CodeableConcept {
  return { coding: [{ system, code, display }], text: text ?? display };
}

/** FHIR Money from integer cents (all billing arithmetic is done in cents). */
export function money(cents: number): Money {
  return { value: cents / 100, currency: 'USD' };
}

export function ucum(value: number, code: string, unit: string): Quantity {
  return { value, unit, system: SYS.ucum, code };
}

/** A reference; its target type is taken from where it is used. */
export function ref<T extends Resource = Resource>(reference: string, display?: string): Reference<T> {
  return display === undefined ? { reference } : { reference, display };
}

export function urn(id: string): string {
  return 'urn:uuid:' + id;
}
