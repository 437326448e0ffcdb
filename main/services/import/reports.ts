import fs from 'node:fs';
import path from 'node:path';

/** The folder of a data folder's import reports (the desk's imports and the import CLI's). */
export function importReportsDir(dataDir: string): string {
  return path.join(dataDir, 'import-reports');
}

/** The names import reports are written under: `import-<time>-<job>.txt` (the CLI's end in `-cli.txt`). */
const reportName = /^import-[\w-]{1,120}\.txt$/;
const dayMs = 24 * 60 * 60 * 1000;

export interface PruneResult {
  deleted: number;
  /** Reports that are too old but could not be deleted (each with the reason). */
  failed: string[];
}

/**
 * Deletes import reports last written more than `days` days ago. Only files named as reports are touched (never a
 * folder, never anything else a user left there); a symbolic link is removed itself, never what it points to.
 */
export function pruneImportReports(dir: string, days: number, now: number = Date.now()): PruneResult {
  const result: PruneResult = { deleted: 0, failed: [] };
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return result;
    throw error;
  }
  const cutoff = now - days * dayMs;
  for (const name of names) {
    if (!reportName.test(name)) continue;
    const file = path.join(dir, name);
    try {
      const stat = fs.lstatSync(file);
      if (!(stat.isFile() || stat.isSymbolicLink()) || stat.mtimeMs >= cutoff) continue;
      fs.unlinkSync(file);
      result.deleted++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
      result.failed.push(`${name} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
    }
  }
  return result;
}
