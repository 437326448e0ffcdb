/**
 * A resource's or patient's id in the local cache: its FHIR id, followed by "~<source>" when it came from another
 * source than the first one (two servers' Patient/1 are two patients). A FHIR id never contains "~".
 */
export const localIdPattern = /^[A-Za-z0-9\-.]{1,64}(?:~\d{1,9})?$/;
