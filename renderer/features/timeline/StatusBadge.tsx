import type { TFunction } from 'i18next';
import { statusBadge, statusKey } from './status';

const label = (status: string, t: TFunction) => t(statusKey(status), { defaultValue: status });

/** A status that changes what the event means (cancelled, ruled out, preliminary, resolved…), as a visible badge. */
export function StatusBadge({ status, t }: { status: string | null; t: TFunction }) {
  const badge = statusBadge(status);
  if (!status || !badge) return null;
  return <span className={`status-badge status-${badge}`}>{label(status, t)}</span>;
}

/** Any other status, for the row's small print (" · Final"); empty when the badge shows it. */
export function statusText(status: string | null, t: TFunction): string {
  return status && !statusBadge(status) ? ` · ${label(status, t)}` : '';
}

export function statusLabel(status: string, t: TFunction): string {
  return label(status, t);
}
