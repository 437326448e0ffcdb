import crypto from 'node:crypto';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DbClient } from '../../main/services/db/client';
import { openDatabase } from '../../main/services/db/open';
import { runImport } from '../../main/services/import/run';
import { scriptSources } from '../../main/services/scripts/queries';
import { createScriptsService, PatientDeceased } from '../../main/services/scripts/service';
import { pack } from '../support/script-cache';
import { tempDir } from '../support/tmp';

describe('a patient the record says has died (issue 12, point 4)', () => {
  it('gets no script, and the agent is told why and what to offer', async () => {
    const dir = tempDir();
    const { db } = openDatabase({ file: path.join(dir, 'desk.db'), key: crypto.randomBytes(32) });
    const person = (id: string, extra: object) => ({
      resourceType: 'Patient',
      id,
      name: [{ family: 'Vale', given: ['Iris'] }],
      birthDate: '1940-01-01',
      ...extra,
    });
    const result = (id: string, patient: string) => ({
      resourceType: 'Observation',
      id,
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '2823-3' }] },
      subject: { reference: `Patient/${patient}` },
      effectiveDateTime: '2023-01-05T10:00:00Z',
      valueQuantity: { value: 4.2, unit: 'mmol/L' },
    });
    const bundle = {
      resourceType: 'Bundle',
      type: 'collection',
      entry: [person('dead', { deceasedDateTime: '2023-02-01T08:00:00-05:00' }), person('alive', {}), result('o1', 'dead'), result('o2', 'alive')].map(
        (resource) => ({ resource }),
      ),
    };
    await runImport(db, { bundles: [bundle], count: 1, label: 'test' }, { reportFile: path.join(dir, 'r.txt') });
    const client = { call: async (_name: string, a: { patientId: string; type: string; id: string }) => scriptSources(db, a) } as unknown as DbClient;
    const scripts = createScriptsService(client, pack, () => {});
    await expect(scripts.build({ patientId: 'dead', source: { type: 'Observation', id: 'o1' } })).rejects.toThrow(PatientDeceased);
    await expect(scripts.build({ patientId: 'dead', source: { type: 'Observation', id: 'o1' } })).rejects.toThrow(/has died \(2023-02-01\).*condolences/);
    expect((await scripts.build({ patientId: 'alive', source: { type: 'Observation', id: 'o2' } })).safety).toBe('explain');
    db.close();
  });
});
