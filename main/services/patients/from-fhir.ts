import { arr, codings, conceptText, obj, str, type Json } from '../fhir/access';
import { foldForSearch } from './normalize';
import { toE164 } from './phone';

export interface PatientIndexRow {
  id: string;
  name: string;
  nameSearch: string;
  birthDate: string | null;
  gender: string | null;
  mrn: string | null;
  phone: string | null;
  language: string | null;
  postalCode: string | null;
  identifiers: { system: string; value: string }[];
  phones: { e164: string; raw: string; use: string | null }[];
}

function humanName(n: Json): string {
  const text = str(n.text);
  if (text) return text;
  const given = arr(n.given).filter((g): g is string => typeof g === 'string').join(' ');
  return [given, str(n.family)].filter(Boolean).join(' ');
}

function isMrn(identifier: Json): boolean {
  return codings(identifier.type).some((c) => c.code === 'MR');
}

/** The searchable facts of a FHIR Patient: display name, every name, identifiers, phones as E.164, language. */
export function patientIndexRow(p: Json & { id: string }): PatientIndexRow {
  const names = arr(p.name).map(obj).filter((n): n is Json => !!n);
  const official = names.find((n) => n.use === 'official') ?? names[0];
  const display = (official && humanName(official)) || 'Unnamed patient';
  const allNames = names.map(humanName).filter(Boolean).join(' ');
  const identifiers = arr(p.identifier).flatMap((i) => {
    const o = obj(i);
    const value = str(o?.value);
    return o && value ? [{ system: str(o.system) ?? '', value, mrn: isMrn(o) }] : [];
  });
  const phones = new Map<string, { e164: string; raw: string; use: string | null }>();
  for (const t of arr(p.telecom)) {
    const o = obj(t);
    const raw = str(o?.value);
    if (!o || !raw || (o.system !== 'phone' && o.system !== 'sms')) continue;
    const e164 = toE164(raw);
    if (e164 && !phones.has(e164)) phones.set(e164, { e164, raw, use: str(o.use) ?? null });
  }
  const comm = arr(p.communication).map(obj).filter((c): c is Json => !!c);
  const preferred = comm.find((c) => c.preferred === true) ?? comm[0];
  const langCode = preferred ? codings(preferred.language)[0]?.code ?? conceptText(preferred.language) : undefined;
  const address = obj(arr(p.address)[0]);
  const firstPhone = [...phones.values()][0];
  return {
    id: p.id,
    name: display,
    nameSearch: foldForSearch(allNames || display),
    birthDate: str(p.birthDate) ?? null,
    gender: str(p.gender) ?? null,
    mrn: identifiers.find((i) => i.mrn)?.value ?? null,
    phone: firstPhone?.e164 ?? null,
    language: langCode ? langCode.split('-')[0]!.toLowerCase() : null,
    postalCode: str(address?.postalCode) ?? null,
    identifiers: identifiers.map(({ system, value }) => ({ system, value })),
    phones: [...phones.values()],
  };
}
