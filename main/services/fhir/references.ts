import { arr, obj, str, type Json } from './access';

export interface Conditional {
  type: string;
  system: string;
  value: string;
}

/** `Practitioner?identifier=http://hl7.org/fhir/sid/us-npi|9999974493` → its parts; undefined for other forms. */
export function parseConditional(ref: string): Conditional | undefined {
  const m = /^([A-Z][A-Za-z]+)\?identifier=([^|&]*)\|([^&]+)$/.exec(ref);
  if (!m) return undefined;
  try {
    return { type: m[1]!, system: decodeURIComponent(m[2]!), value: decodeURIComponent(m[3]!) };
  } catch {
    return undefined; // a malformed %-escape: left as it came, like any reference we cannot resolve
  }
}

/** `Patient/123` (or an absolute URL ending in it, or a versioned `Patient/123/_history/2`) → type and id. */
export function parseLiteral(ref: string): { type: string; id: string } | undefined {
  const m = /(?:^|\/)([A-Z][A-Za-z]+)\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/[^/]+)?$/.exec(ref);
  return m ? { type: m[1]!, id: m[2]! } : undefined;
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
