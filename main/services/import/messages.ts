import { fhirIdSyntax } from '../../../preload/contract';

export type Severity = 'error' | 'warning' | 'skipped';

/** One line of the import report: where, what, and what happened to it. */
export interface ImportMessage {
  severity: Severity;
  file: string;
  /** "entry 12", "line 40" or "file". */
  where: string;
  resource?: string;
  message: string;
}

export function formatMessage(m: ImportMessage): string {
  const what = m.resource ? ` ${m.resource}` : '';
  return `${m.severity.toUpperCase()} ${m.file} ${m.where}${what}: ${m.message}`;
}

/** The most of one value a message quotes: enough to recognise it, never megabytes of it (also in the CLI summary). */
export const maxQuoted = 200;
/** The most of a whole message kept, for values with spaces in them. */
const maxMessage = 1000;
// A run of more than maxQuoted characters without a separator. Linear: a shorter run fails within 200 steps.
const longRun = new RegExp(`[^\\s"'|,;()]{${maxQuoted}}[^\\s"'|,;()]+`, 'g');

/** A message or resource label with every long value cut to its first 200 characters and its length. */
export function clipValues(text: string): string {
  const whole = text.length > maxMessage * 4 ? text.slice(0, maxMessage * 4) : text;
  const clipped = whole.replace(longRun, (run) => `${run.slice(0, maxQuoted)}… (${run.length === whole.length ? text.length : run.length} characters)`);
  return clipped.length > maxMessage ? `${clipped.slice(0, maxMessage)}… (message cut at ${maxMessage} characters)` : clipped;
}

// URLs (kept), Type/id, urn:uuid ids and numbers.
const specifics = new RegExp(String.raw`(https?:\/\/[^\s|)]{1,300})|[A-Za-z]{1,64}\/${fhirIdSyntax}|urn:uuid:[\w-]{1,64}|\d{1,30}`, 'g');

/**
 * The message with ids, paths and numbers taken out (URLs kept), so the summary groups "what" and counts "how often".
 * Every quantifier is bounded and the text is clipped first: no backtracking grows with the input.
 */
export function genericMessage(message: string): string {
  return clipValues(message).replace(specifics, (_match, url?: string) => url ?? '…');
}
