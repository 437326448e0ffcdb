// Deterministic, seeded synthetic FHIR R4 data for demos, tests and benchmarks. Every person is invented.
export { sharedResourcesBundle } from './directory';
export { demoPatientId } from './ids';
export { DEFAULT_EVENTS_PER_PATIENT, patientBundle } from './patient';
export { SHOWCASE } from './showcase';
export { REFERENCE_DATE } from './time';
export { type DemoOptions, generateDemoBundles, writeDemoBundles, writeDemoNdjson } from './write';
