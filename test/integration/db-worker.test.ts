import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DbClient, DbOpenError } from '../../main/services/db/client';
import { loadOrCreateDbKey } from '../../main/services/db/key';
import { openKeyedConnection } from '../../main/services/db/open';
import { createPatientsService } from '../../main/services/patients/service';
import { workerScript } from '../support/host';
import { syntheticPatients } from '../support/seed';
import { tempDir } from '../support/tmp';

async function start(dir = tempDir()) {
  const db = await DbClient.start({ dataDir: dir, key: loadOrCreateDbKey(dir), workerScript });
  return { db, patients: createPatientsService(db), dir };
}

describe('patients through the database worker', () => {
  it('finds patients by name prefix regardless of accents and case, and by MRN or date of birth', async () => {
    const { db, patients } = await start();
    await patients.upsert([
      { id: 'p1', name: 'José Álvarez', birthDate: '1961-04-02', mrn: 'MRN-001', phone: '+15550000001' },
      { id: 'p2', name: 'Josephine Baker', birthDate: '1975-11-30', mrn: 'MRN-002' },
      { id: 'p3', name: 'Ana Joseph', birthDate: '1990-01-01', mrn: 'MRN-003' },
    ]);
    const names = async (text: string) => (await patients.search(text, 25)).map((p) => p.name);
    expect(await names('jose')).toEqual(['Ana Joseph', 'José Álvarez', 'Josephine Baker']);
    expect(await names('JOSÉ alv')).toEqual(['José Álvarez']);
    expect(await names('alvarez')).toEqual(['José Álvarez']);
    expect(await names('MRN-002')).toEqual(['Josephine Baker']);
    expect(await names('1990-01-01')).toEqual(['Ana Joseph']);
    expect(await names('seph')).toEqual([]);
    expect(await names('50%_')).toEqual([]);
    const [jose] = await patients.search('álvarez', 1);
    expect(jose).toEqual({
      id: 'p1',
      name: 'José Álvarez',
      birthDate: '1961-04-02',
      gender: null,
      mrn: 'MRN-001',
      phone: '+15550000001',
      language: null,
      active: true,
      deceased: null,
      mergedInto: null,
      phones: [],
      source: 'local files',
      linked: [],
    });
    await db.close();
  });

  it('rejects a malformed record by index and field, writing none of the batch', async () => {
    const { db, patients } = await start();
    await expect(
      patients.upsert([
        { id: 'ok', name: 'Valid Person' },
        { id: 'bad', name: 'Bad Date', birthDate: '12/31/1999' },
      ]),
    ).rejects.toThrow(/Patient record 1: birthDate: must be a FHIR date/);
    expect(await patients.search('valid', 5)).toEqual([]);
    await db.close();
  });

  it('keeps the calling thread free while the worker runs a long write', async () => {
    const { db, patients } = await start();
    const records = syntheticPatients(60_000);
    const started = performance.now();
    const write = patients.upsert(records);
    let last = performance.now();
    let maxGap = 0;
    let ticks = 0;
    let done = false;
    const timer = setInterval(() => {
      const now = performance.now();
      maxGap = Math.max(maxGap, now - last);
      last = now;
      if (!done) ticks++;
    }, 5);
    expect(await write).toBe(60_000);
    done = true;
    clearInterval(timer);
    const elapsed = performance.now() - started;
    // Had the write run on this thread, no timer could have fired before it finished. Margins, not tight bounds: other
    // tests share the machine's two cores, so the loop may stall for a while, but never for most of the write.
    expect(ticks).toBeGreaterThanOrEqual(5);
    expect(maxGap).toBeLessThan(Math.max(elapsed / 2, 250));
    expect((await patients.search('MRN100042', 1))[0]?.id).toBe('synthetic-42');
    await db.close();
  });

  it('reports a newer schema as an open error and leaves the file in place', async () => {
    const dir = tempDir();
    const first = await start(dir);
    await first.db.close();
    const raw = openKeyedConnection(path.join(dir, 'desk.db'), loadOrCreateDbKey(dir));
    raw.prepare("INSERT INTO schema_version VALUES (42, 'future', 'now')").run();
    raw.close();
    const error = await DbClient.start({ dataDir: dir, key: loadOrCreateDbKey(dir), workerScript }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DbOpenError);
    expect((error as DbOpenError).code).toBe('schema_too_new');
    expect(fs.readdirSync(dir).filter((f) => f.startsWith('desk.db'))).toContain('desk.db');
  });

  it('fails queries clearly once closed', async () => {
    const { db, patients } = await start();
    await db.close();
    await expect(patients.search('ana', 5)).rejects.toThrow(/Database is closed/);
  });
});
