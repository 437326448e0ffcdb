export interface SuiteCounts {
  passed: number;
  failed: number;
  skipped: number;
}
export interface Summary {
  root: string;
  suites: Map<string, SuiteCounts>;
  failures: string[];
  skipped: string[];
}
export interface Exit {
  ok: boolean;
  status: unknown;
}
export function newSummary(root: string): Summary;
export function addVitest(summary: Summary, report: unknown, exit: Exit): void;
export function addPlaywright(summary: Summary, report: unknown, exit: Exit): void;
export function applyMinimum(summary: Summary, minimum: Record<string, number | string> | undefined, file: string): void;
export function formatSummary(summary: Summary, checks: ReadonlyArray<readonly [string, boolean]>): { text: string; totals: SuiteCounts };
