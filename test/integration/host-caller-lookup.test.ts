// README: the caller lookup returns every patient sharing a number, ranked (most recent contact, then mobile/home/work,
// then name), and search takes a date of birth as 1961-04-02 or 04/02/1961. Through the browser host's channels.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectWs, importPaths, spawnHost, writeBundle, type RunningHost, type WsClient } from '../support/host';

const shared = '+15555550142';

function patient(id: string, given: string, family: string, birthDate: string, use: 'mobile' | 'home' | 'work') {
  return {
    resourceType: 'Patient',
    id,
    name: [{ family, given: [given] }],
    birthDate,
    telecom: [{ system: 'phone', value: '(555) 555-0142', use }],
  };
}

describe('one number shared by several patients, and dates of birth as people type them', () => {
  let host: RunningHost;
  let ws: WsClient;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-host-callers-'));

  beforeAll(async () => {
    const exportDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-host-callers-export-'));
    try {
      writeBundle(exportDir, [
        patient('zoe', 'Zoe', 'Adams', '1961-04-02', 'mobile'),
        patient('yara', 'Yara', 'Baker', '1975-11-30', 'home'),
        patient('ana', 'Ana', 'Carter', '1961-02-04', 'home'),
        patient('bea', 'Bea', 'Diaz', '1990-01-01', 'work'),
      ]);
      importPaths(dataDir, [exportDir]);
    } finally {
      fs.rmSync(exportDir, { recursive: true, force: true });
    }
    host = await spawnHost(dataDir);
    ws = await connectWs(host);
  }, 120_000);

  afterAll(async () => {
    ws?.close();
    await host?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const ranking = async (phone: string) => {
    const reply = await ws.request('patients.byPhone', { phone });
    const value = reply.value as { e164: string; matches: { patient: { name: string }; autoSelect: boolean }[] };
    expect(value.e164).toBe(shared);
    return value.matches.map((m) => m.patient.name);
  };

  it('ranks by most recent contact, then mobile, home, work, then name, and offers them all', async () => {
    // No contact yet: mobile, then the two home numbers by name, then work.
    expect(await ranking('555-555-0142')).toEqual(['Zoe Adams', 'Ana Carter', 'Yara Baker', 'Bea Diaz']);

    // A contact with Bea puts her first, whatever her number's use; a later one with Yara puts Yara before her.
    expect(await ws.request('contacts.start', { patientId: 'bea', channel: 'manual' })).toMatchObject({ ok: true });
    expect(await ranking('(555) 555-0142')).toEqual(['Bea Diaz', 'Zoe Adams', 'Ana Carter', 'Yara Baker']);
    await new Promise((r) => setTimeout(r, 20));
    expect(await ws.request('contacts.start', { patientId: 'yara', channel: 'manual' })).toMatchObject({ ok: true });
    expect(await ranking('+1 555 555 0142')).toEqual(['Yara Baker', 'Bea Diaz', 'Zoe Adams', 'Ana Carter']);
  });

  it('finds a date of birth typed as 1961-04-02 or 04/02/1961 (month first), and not the day-first reading', async () => {
    const names = async (text: string) => ((await ws.request('patients.search', { text })).value as { name: string }[]).map((p) => p.name);
    expect(await names('1961-04-02')).toEqual(['Zoe Adams']);
    expect(await names('04/02/1961')).toEqual(['Zoe Adams']);
    expect(await names('02/04/1961')).toEqual(['Ana Carter']);
    expect(await names('1961-02-04')).toEqual(['Ana Carter']);
  });
});
