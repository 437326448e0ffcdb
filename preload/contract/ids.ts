import { z } from 'zod';

/** The FHIR `id` datatype (https://hl7.org/fhir/datatypes.html#id), as text to build larger patterns with. */
export const fhirIdSyntax = '[A-Za-z0-9\\-.]{1,64}';
export const fhirIdPattern = new RegExp(`^${fhirIdSyntax}$`);

/**
 * A resource's or patient's id in the local cache: its FHIR id, followed by "~<source>" when it came from another
 * source than the first one (two servers' Patient/1 are two patients). A FHIR id never contains "~".
 */
export const localIdSyntax = `${fhirIdSyntax}(?:~\\d{1,9})?`;
export const localIdPattern = new RegExp(`^${localIdSyntax}$`);
export const LocalId = z.string().regex(localIdPattern, 'not a valid id');
