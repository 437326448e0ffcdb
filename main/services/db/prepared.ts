import type { Database } from 'better-sqlite3-multiple-ciphers';

/**
 * A module's prepared statements, built once per open database and forgotten with it. `build` runs on the first call
 * for a database; later calls return the same object.
 */
export function preparedFor<T>(build: (db: Database) => T): (db: Database) => T {
  const cache = new WeakMap<Database, T>();
  return (db) => {
    let s = cache.get(db);
    if (!s) {
      s = build(db);
      cache.set(db, s);
    }
    return s;
  };
}
