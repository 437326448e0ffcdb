import { arr, obj, str, type Json } from '../fhir/access';

/** The resource a local reference ("#m1") names among `r.contained`, if it is of `type`. */
export function containedResource(r: Json, reference: unknown, type: string): Json | undefined {
  const ref = typeof reference === 'string' ? reference : str(obj(reference)?.reference);
  if (!ref?.startsWith('#') || ref.length < 2) return undefined;
  const id = ref.slice(1);
  for (const c of arr(r.contained)) {
    const o = obj(c);
    if (o && o.resourceType === type && o.id === id) return o;
  }
  return undefined;
}

/** The contained Observations a report or panel lists as its results (DiagnosticReport.result, Observation.hasMember). */
export function containedResults(r: Json): Json[] {
  return [...arr(r.result), ...arr(r.hasMember)].flatMap((ref) => {
    const o = containedResource(r, ref, 'Observation');
    return o ? [o] : [];
  });
}
