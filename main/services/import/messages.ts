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
