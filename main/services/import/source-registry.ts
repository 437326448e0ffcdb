import type { Database } from 'better-sqlite3-multiple-ciphers';

/** The sources table: the id of each FHIR server (by base URL) or named file source, created on first use. */
export interface SourceRegistry {
  idFor(name: string, kind: 'server' | 'files'): number;
  /** The id of a server already known, by its base URL. */
  idOfBase(base: string): number | undefined;
}

export const defaultSourceName = 'local files';

export function sourceRegistry(db: Database): SourceRegistry {
  const find = db.prepare('SELECT id FROM sources WHERE name = ?').pluck();
  const insert = db.prepare('INSERT INTO sources (name, kind, added_at) VALUES (?, ?, ?) ON CONFLICT(name) DO NOTHING');
  const known = new Map<string, number>();
  const lookup = (name: string) => {
    const cached = known.get(name);
    if (cached !== undefined) return cached;
    const id = find.get(name) as number | undefined;
    if (id !== undefined) known.set(name, id);
    return id;
  };
  return {
    idFor(name, kind) {
      const found = lookup(name);
      if (found !== undefined) return found;
      insert.run(name, kind, new Date().toISOString());
      return lookup(name)!;
    },
    idOfBase: (base) => lookup(base),
  };
}
