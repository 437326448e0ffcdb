/**
 * A FHIR date or dateTime as a sortable UTC instant. Dates without a time are placed at noon UTC so they
 * fall on the same calendar day in every time zone from UTC−11 to UTC+11.
 */
export function toInstant(value: string | undefined): string | undefined {
  if (!value) return undefined;
  if (/^\d{4}$/.test(value)) return `${value}-01-01T12:00:00.000Z`;
  if (/^\d{4}-\d{2}$/.test(value)) return `${value}-01T12:00:00.000Z`;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return `${value}T12:00:00.000Z`;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return undefined;
  const d = new Date(ms);
  const year = d.getUTCFullYear();
  return year < 1800 || year > 2200 ? undefined : d.toISOString();
}
