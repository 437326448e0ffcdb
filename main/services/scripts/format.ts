import type { Language } from '../knowledge/schema';

const locale: Record<Language, string> = { en: 'en-US', es: 'es-US' };

export function formatMoney(cents: number, currency: string, lang: Language, decimals?: number): string {
  const digits = decimals === undefined ? {} : { minimumFractionDigits: decimals, maximumFractionDigits: decimals };
  return new Intl.NumberFormat(locale[lang], { style: 'currency', currency, ...digits }).format(cents / 100);
}

/** A number with as many decimals as it was reported with (never more than 3). */
export function formatNumber(value: number, lang: Language, decimals?: number): string {
  const d = decimals ?? Math.min(3, (String(value).split('.')[1] ?? '').length);
  return new Intl.NumberFormat(locale[lang], { minimumFractionDigits: d, maximumFractionDigits: d }).format(value);
}

/** "November 3, 2026" / "3 de noviembre de 2026", from a FHIR date or dateTime (its calendar day as written). */
export function formatDate(value: string | undefined, lang: Language): string | undefined {
  const m = value?.match(/^(\d{4})-(\d{2})-(\d{2})/);
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  if (Number.isNaN(date.getTime())) return undefined;
  return new Intl.DateTimeFormat(locale[lang], { dateStyle: 'long', timeZone: 'UTC' }).format(date);
}
