import fs from 'node:fs';
import type { ImportCounts } from './counts';
import { clipValues, formatMessage, genericMessage, type ImportMessage } from './messages';

/** How many messages the summary screen gets; every message is in the report file. */
const keptMessages = 200;

export interface ReasonCount {
  severity: string;
  message: string;
  count: number;
}

/**
 * The report of one import: every message, one line each, written to the report file (flushed between batches),
 * with the summary's view of them: the first messages, and the reasons grouped with how often each came.
 */
export interface RunReport {
  /** `count`: how many files or resources the message stands for (one message for a folder's other files). */
  record(message: ImportMessage, count?: number): void;
  flush(): void;
  /** Writes the closing line and closes the file. */
  close(summaryLine: string): void;
  /** The most frequent reasons first (at most 50). */
  reasons(): ReasonCount[];
  readonly firstMessages: ImportMessage[];
}

export function openRunReport(file: string, counts: ImportCounts): RunReport {
  const fd = fs.openSync(file, 'w', 0o600);
  const reasons = new Map<string, ReasonCount>();
  const firstMessages: ImportMessage[] = [];
  let buffer: string[] = [];
  const flush = () => {
    if (buffer.length) fs.writeSync(fd, buffer.join('\n') + '\n');
    buffer = [];
  };
  return {
    record(raw, count = 1) {
      const m = { ...raw, message: clipValues(raw.message), ...(raw.resource ? { resource: clipValues(raw.resource) } : {}) };
      if (m.severity === 'warning') counts.warnings++;
      if (firstMessages.length < keptMessages) firstMessages.push(JSON.parse(JSON.stringify(m)) as ImportMessage);
      buffer.push(formatMessage(m));
      // Group by the message with ids and paths taken out, so the summary says "what" and "how often".
      const generic = genericMessage(m.message);
      const type = m.resource?.split('/')[0] ?? '';
      const key = `${m.severity}|${type}|${generic}`;
      const reason = reasons.get(key) ?? { severity: m.severity, message: generic.startsWith(`${type} `) ? generic : `${type} ${generic}`.trim(), count: 0 };
      reason.count += count;
      reasons.set(key, reason);
    },
    flush,
    close(summaryLine) {
      buffer.push('', summaryLine);
      flush();
      fs.closeSync(fd);
    },
    reasons: () => [...reasons.values()].sort((a, b) => b.count - a.count).slice(0, 50),
    firstMessages,
  };
}

/** The report's last line. */
export function summaryLine(counts: ImportCounts, cancelled: boolean, durationMs: number): string {
  return (
    `Summary: read ${counts.read}, imported ${counts.imported}, updated ${counts.updated}, unchanged ${counts.unchanged}, ` +
    `skipped ${counts.skipped}, rejected ${counts.rejected}, warnings ${counts.warnings}, failed batches ${counts.failedBatches}` +
    `${cancelled ? ' (cancelled)' : ''}, in ${(durationMs / 1000).toFixed(1)} s.`
  );
}
