import crypto from 'node:crypto';
import path from 'node:path';
import type { Database } from 'better-sqlite3-multiple-ciphers';
import { openDatabase } from '../../main/services/db/open';
import { defaultOrganisation, runImport, type ImportSummary, type Organisation } from '../../main/services/import/run';
import { tempDir } from './tmp';

/** A fresh encrypted cache in a temporary folder (removed after the test). */
export function freshCache(): { db: Database; dir: string } {
  const dir = tempDir();
  return { db: openDatabase({ file: path.join(dir, 'desk.db'), key: crypto.randomBytes(32) }).db, dir };
}

/** Imports resources through the real importer, as one collection Bundle. */
export function importResources(db: Database, dir: string, resources: object[], organisation: Partial<Organisation> = {}): Promise<ImportSummary> {
  const bundle = { resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) };
  return runImport(
    db,
    { bundles: [bundle], count: 1, label: 'test bundle' },
    { reportFile: path.join(dir, `report-${crypto.randomUUID()}.txt`), organisation: { ...defaultOrganisation, ...organisation } },
  );
}
