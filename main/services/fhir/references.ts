import { fhirIdSyntax, localIdSyntax } from '../../../preload/contract';
import { arr, obj, str, type Json } from './access';

export interface Conditional {
  type: string;
  /** Empty when the reference gives only a value ("Patient?identifier=MRN-1"). */
  system: string;
  value: string;
  /** Search parameters other than identifier, which the desk cannot check ("active=true"). */
  ignored: string[];
}

/**
 * `Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999974493` → its parts; also `Patient?identifier=MRN-1`
 * (no system) and extra parameters (`&active=true`, reported as ignored). Undefined for other searches.
 */
export function parseConditional(ref: string): Conditional | undefined {
  const m = /^([A-Z][A-Za-z]+)\?(.+)$/.exec(ref);
  if (!m || ref.length > 2048) return undefined;
  let params: URLSearchParams;
  try {
    params = new URLSearchParams(m[2]!);
  } catch {
    return undefined;
  }
  const identifier = params.getAll('identifier');
  if (identifier.length !== 1) return undefined;
  const raw = identifier[0]!;
  const bar = raw.indexOf('|');
  const system = bar >= 0 ? raw.slice(0, bar) : '';
  const value = bar >= 0 ? raw.slice(bar + 1) : raw;
  if (!value) return undefined;
  const ignored = [...params.keys()].filter((k) => k !== 'identifier');
  return { type: m[1]!, system, value, ignored };
}

const literal = new RegExp(`(?:^|/)([A-Z][A-Za-z]+)/(${localIdSyntax})(?:/_history/[^/]+)?$`);
const absolute = new RegExp(`^(https?://.+?)/[A-Z][A-Za-z]+/${fhirIdSyntax}(?:/_history/[^/]+)?$`);

/** `Patient/123` (or an absolute URL ending in it, or a versioned `Patient/123/_history/2`) → type and id. */
export function parseLiteral(ref: string): { type: string; id: string } | undefined {
  if (ref.length > 2048) return undefined;
  const m = literal.exec(ref);
  return m ? { type: m[1]!, id: m[2]! } : undefined;
}

/** The server base of an absolute reference or fullUrl ("https://x.org/fhir/Patient/1" → "https://x.org/fhir"). */
export function baseOf(url: string): string | undefined {
  if (url.length > 2048) return undefined;
  const m = absolute.exec(url);
  return m ? m[1] : undefined;
}

/**
 * Rewrites every `reference` in a resource (skipping contained `#id` ones) through `resolve`, in place and
 * without recursion. `resolve` returns the concrete `Type/id`, or undefined to leave the reference as it was.
 */
export function rewriteReferences(resource: Json, resolve: (ref: string) => string | undefined): void {
  const stack: unknown[] = [resource];
  while (stack.length) {
    const v = stack.pop();
    if (Array.isArray(v)) {
      for (const item of v) if (typeof item === 'object' && item !== null) stack.push(item);
      continue;
    }
    const o = obj(v);
    if (!o) continue;
    for (const [key, child] of Object.entries(o)) {
      if (key === 'reference' && typeof child === 'string') {
        if (!child.startsWith('#')) {
          const resolved = resolve(child);
          if (resolved !== undefined) o.reference = resolved;
        }
      } else if (typeof child === 'object' && child !== null) {
        stack.push(child);
      }
    }
  }
}

/** The patient a resource belongs to, from the field its type uses for that. */
export function patientReference(resource: Json): string | undefined {
  switch (resource.resourceType) {
    case 'Patient':
      return undefined;
    case 'Claim':
    case 'ExplanationOfBenefit':
    case 'AllergyIntolerance':
    case 'Immunization':
      return str(obj(resource.patient)?.reference);
    case 'Coverage':
      return str(obj(resource.beneficiary)?.reference);
    case 'Appointment':
      for (const p of arr(resource.participant)) {
        const ref = str(obj(obj(p)?.actor)?.reference);
        if (ref && /(^|\/)Patient\//.test(ref)) return ref;
      }
      return undefined;
    default:
      return str(obj(resource.subject)?.reference) ?? str(obj(resource.patient)?.reference);
  }
}
