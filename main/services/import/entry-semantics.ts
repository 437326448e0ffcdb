// What a transaction, batch or history bundle asks for, applied before its entries are prepared: conditional writes
// find the resource they mean, and a history bundle keeps each resource's newest entry.
import crypto from 'node:crypto';
import { obj, str } from '../fhir/access';
import { parseConditional } from '../fhir/references';
import type { PrepareContext } from './prepare';
import { entryId, type RawBatch, type RawItem } from './sources';

const typeOf = (item: RawItem) => str(obj(item.value)?.resourceType);

/**
 * Conditional update (PUT Type?identifier=…) and conditional create (POST with ifNoneExist): the resource the
 * condition finds in this source is the one updated (or, for a create, nothing is created); otherwise a new one is
 * made, with the id its fullUrl gives (or one from its content). The bundle's fullUrl map then points at that id, so
 * the bundle's references to the entry land on it.
 */
export function resolveConditionalWrites(batch: RawBatch, ctx: Pick<PrepareContext, 'findByIdentifier'>): void {
  for (const item of batch.items) {
    const type = typeOf(item);
    if (!type || item.error) continue;
    const condition =
      item.method === 'PUT' && item.url?.includes('?')
        ? item.url
        : item.method === 'POST' && item.ifNoneExist
          ? `${type}?${item.ifNoneExist.replace(/^[^?]*\?/, '')}`
          : undefined;
    if (!condition) continue;
    const parsed = parseConditional(condition);
    const found = parsed ? ctx.findByIdentifier(parsed.type, parsed.system, parsed.value) : undefined;
    if (found) {
      item.targetId = found;
      if (item.method === 'POST') item.matched = true;
    } else if (!entryId(item)) {
      item.targetId = crypto.createHash('sha1').update(JSON.stringify(item.value)).digest('hex');
    }
    if (item.targetId && item.fullUrl && batch.fullUrls) batch.fullUrls.set(item.fullUrl, `${type}/${item.targetId}`);
  }
}

/** The instant an entry of a history bundle was made, when it says. */
function when(item: RawItem): number {
  const t = Date.parse(item.lastModified ?? str(obj(obj(item.value)?.meta)?.lastUpdated) ?? '');
  return Number.isNaN(t) ? -Infinity : t;
}

/**
 * A history bundle lists versions of the same resources, newest first by the spec. Only each resource's newest entry
 * is applied (a DELETE among them deletes); the older ones are skipped with a note, never resurrected.
 */
export function keepNewestVersions(batch: RawBatch): void {
  const newest = new Map<string, RawItem>();
  const keyOf = (item: RawItem) => {
    if (item.method === 'DELETE') return item.url;
    const type = typeOf(item);
    const id = entryId(item);
    return type && id ? `${type}/${id}` : undefined;
  };
  for (const item of batch.items) {
    const key = keyOf(item);
    if (!key) continue;
    const seen = newest.get(key);
    // The first entry wins unless a later one says it is newer.
    if (!seen || when(item) > when(seen)) newest.set(key, item);
  }
  for (const item of batch.items) {
    const key = keyOf(item);
    if (key && newest.get(key) !== item) item.skip = 'an older version in this history bundle; its newest entry is the one applied';
  }
}
