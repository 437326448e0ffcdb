import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { allChannels, type ChannelName, type RequestOf } from '../../preload/contract';
import { connectWs, spawnHost, type RunningHost } from '../support/host';
import { latestSchemaVersion } from '../../main/services/db/migrations';
import { openKeyedConnection } from '../../main/services/db/open';
import { seedPatients } from '../support/seed';
import { tempDir } from '../support/tmp';
import os from 'node:os';

function httpGet(port: number, urlPath: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: urlPath, headers }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
  });
}

/** The error code of a TCP connection to address:port, or null when it connects. */
function connectError(address: string, port: number): Promise<string | null> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: address, port, timeout: 5000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(null);
    });
    socket.once('timeout', () => {
      socket.destroy();
      resolve('ETIMEDOUT');
    });
    socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });
}

/** A valid request for every channel (the type makes a new channel add its own), about the seeded patient pat-1. */
function validInputs(dataDir: string): { [N in ChannelName]: RequestOf<N> } {
  const contactId = 'c0ffee00-0000-4000-8000-000000000000';
  const emptyFolder = fs.mkdtempSync(path.join(dataDir, 'empty-export-'));
  return {
    'app.info': {},
    'settings.get': {},
    'settings.set': { theme: 'system' },
    'patients.search': { text: 'renata' },
    'patients.byPhone': { phone: '(555) 123-0001' },
    'timeline.query': { patientId: 'pat-1', limit: 5 },
    'timeline.source': { type: 'Patient', id: 'pat-1' },
    'import.pickPaths': {},
    'import.start': { paths: [emptyFolder] },
    'import.cancel': { jobId: 'no-such-job' },
    'import.report': { jobId: 'no-such-job' },
    'import.status': {},
    'scripts.build': { patientId: 'pat-1', source: { type: 'Observation', id: 'no-such-result' } },
    'contacts.start': { patientId: 'pat-1', channel: 'manual' },
    'contacts.recordScript': { contactId, source: { type: 'Observation', id: 'obs-1' }, title: 'Potassium', language: 'en', teachBack: null, stepsDone: [] },
    'contacts.get': { contactId },
    'contacts.update': { contactId, patch: { notes: 'x' } },
    'contacts.recent': { patientId: 'pat-1' },
    'telephony.config': {},
    'telephony.token': {},
    'telephony.hold': { callSid: 'CA1234', hold: true },
    'telephony.transfer': { callSid: 'CA1234', targetId: 'nurse-line', mode: 'warm' },
    'training.call': { scenario: 'appointment' },
    'desktop.callStatus': { status: 'available', caller: null },
  };
}

describe('browser host over its WebSocket', () => {
  let host: RunningHost;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-host-'));

  beforeAll(async () => {
    await seedPatients(dataDir, [
      { id: 'pat-1', name: 'Renata Quiñones', birthDate: '1958-03-14', mrn: 'MRN-7001', phone: '+15551230001', language: 'es' },
      { id: 'pat-2', name: 'Walter Quincy', birthDate: '1949-07-02', mrn: 'MRN-7002' },
    ]);
    host = await spawnHost(dataDir);
  });

  afterAll(async () => {
    await host?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // Each test starts from the default settings, whatever the one before it changed.
  afterEach(async () => {
    const ws = await connectWs(host);
    await ws.request('settings.set', { theme: 'system', language: 'en', fhir: { baseUrl: '' } });
    ws.close();
  });

  it('listens on 127.0.0.1 only and prints a URL carrying the launch secret', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#k=[\w-]{20,}$/);
    expect(await connectError('127.0.0.1', host.port)).toBeNull();
    // 127.0.0.2 is another address of this machine (all of 127/8 is loopback on Linux): a socket bound to every
    // address, or to the whole loopback range, would answer it. The IPv6 loopback would answer a dual-stack socket.
    expect(await connectError('127.0.0.2', host.port)).toBe('ECONNREFUSED');
    expect(await connectError('::1', host.port)).toMatch(/^(ECONNREFUSED|EADDRNOTAVAIL|ENETUNREACH)$/);
  });

  it('answers a valid request on every channel of the contract', async () => {
    const ws = await connectWs(host);
    const replies: Record<string, unknown> = {};
    for (const [name, input] of Object.entries(validInputs(dataDir))) {
      const { id: _id, ...reply } = await ws.request(name, input);
      replies[name] = reply;
    }
    ws.close();
    expect(Object.keys(replies).sort()).toEqual(allChannels.map((c) => c.name).sort());
    const ok = (value: unknown = expect.anything()) => ({ type: 'reply', ok: true, value });
    const failed = (message: string) => ({ type: 'reply', ok: false, error: { code: 'failed', message } });
    expect(replies).toEqual({
      'app.info': ok(
        expect.objectContaining({ mode: 'browser-host', dataDir, database: expect.objectContaining({ encrypted: true, schemaVersion: latestSchemaVersion }) }),
      ),
      'settings.get': ok(expect.objectContaining({ theme: 'system', language: 'en' })),
      'settings.set': ok(expect.objectContaining({ theme: 'system' })),
      'patients.search': ok([expect.objectContaining({ id: 'pat-1', name: 'Renata Quiñones', mrn: 'MRN-7001' })]),
      // The seeded records carry no phone list, so no caller matches; the number is still read into E.164.
      'patients.byPhone': ok({ e164: '+15551230001', matches: [] }),
      'timeline.query': ok({ events: [], nextCursor: null, total: 0 }),
      'timeline.source': ok(null),
      'import.pickPaths': ok(expect.objectContaining({ supported: false, paths: [] })),
      'import.start': ok({ jobId: expect.any(String) }),
      'import.cancel': ok({ cancelled: false }),
      'import.report': failed('No report for that import (reports are kept for this session only)'),
      'import.status': ok(expect.objectContaining({ running: expect.toSatisfy((r) => r === null || typeof r === 'object') })),
      'scripts.build': ok(
        expect.objectContaining({ patientId: 'pat-1', safety: 'unknown', language: 'es', source: { type: 'Observation', id: 'no-such-result' } }),
      ),
      'contacts.start': ok(expect.objectContaining({ patientId: 'pat-1', channel: 'manual', closedAt: null })),
      'contacts.recordScript': failed('That contact was not found; the outcome was not saved. Start a new contact and record it again.'),
      'contacts.get': ok(null),
      'contacts.update': failed('That contact was not found; the change was not saved.'),
      'contacts.recent': ok([expect.objectContaining({ patientId: 'pat-1', channel: 'manual' })]),
      'telephony.config': ok(expect.objectContaining({ mode: 'training', holdAvailable: true, transferAvailable: true })),
      'telephony.token': failed('No token endpoint is configured (Settings → Telephony): the desk is in training mode.'),
      // Training mode simulates hold and transfer.
      'telephony.hold': ok({ ok: true }),
      'telephony.transfer': ok({ ok: true }),
      'training.call': ok(expect.objectContaining({ scenario: 'appointment', to: '+15555550100', from: expect.stringMatching(/^\+1\d{10}$/) })),
      'desktop.callStatus': ok({ ok: true }),
    });
  });

  it('finds patients by name prefix, accents aside, and by MRN, with the whole summary', async () => {
    const ws = await connectWs(host);
    const found = await ws.request('patients.search', { text: 'qui' });
    expect((found.value as { name: string }[]).map((p) => p.name)).toEqual(['Renata Quiñones', 'Walter Quincy']);
    const byMrn = await ws.request('patients.search', { text: 'MRN-7001' });
    expect(byMrn.value).toEqual([
      {
        id: 'pat-1',
        name: 'Renata Quiñones',
        birthDate: '1958-03-14',
        gender: null,
        mrn: 'MRN-7001',
        phone: '+15551230001',
        language: 'es',
        active: true,
        deceased: null,
        mergedInto: null,
        phones: [],
        source: 'local files',
        linked: [],
      },
    ]);
    ws.close();
  });

  it('reaches no channel without the launch secret, with a wrong one, or from another page', async () => {
    const before = await connectWs(host);
    const settings = await before.request('settings.get', {});
    const imports = await before.request('import.status', {});
    before.close();
    const refused: Record<string, string[]> = {};
    for (const [name, input] of Object.entries(validInputs(dataDir))) {
      const attempts = [
        { secret: null },
        { secret: `${host.secret.slice(0, -1)}${host.secret.endsWith('A') ? 'B' : 'A'}` },
        { origin: 'https://evil.example' },
      ];
      refused[name] = [];
      for (const overrides of attempts) {
        const outcome = await connectWs(host, overrides).then(
          async (ws) => {
            const reply = await ws.request(name, input);
            ws.close();
            return `answered ${JSON.stringify(reply).slice(0, 80)}`;
          },
          (e: Error) => e.message,
        );
        refused[name].push(outcome);
      }
    }
    const expected = Object.fromEntries(allChannels.map((c) => [c.name, ['refused with HTTP 401', 'refused with HTTP 401', 'refused with HTTP 403']]));
    expect(refused).toEqual(expected);
    // And nothing reached a handler: the settings are as they were, and no import was started.
    const after = await connectWs(host);
    expect(await after.request('settings.get', {})).toEqual({ ...settings, id: expect.any(Number) });
    expect(await after.request('import.status', {})).toEqual({ ...imports, id: expect.any(Number) });
    after.close();
  });

  it('saves settings to the data folder and pushes the change to every open window', async () => {
    const a = await connectWs(host);
    const b = await connectWs(host);
    const pushed = new Promise<unknown>((resolve) =>
      b.socket.on('message', (data) => {
        const m = JSON.parse(data.toString()) as { type: string; payload: unknown };
        if (m.type === 'event') resolve(m);
      }),
    );
    expect(await a.request('settings.set', { language: 'es', fhir: { baseUrl: 'https://fhir.example.org/r4' } })).toMatchObject({
      ok: true,
      value: { language: 'es', fhir: { baseUrl: 'https://fhir.example.org/r4' } },
    });
    expect(await pushed).toMatchObject({ type: 'event', event: 'settings.changed', payload: { language: 'es' } });
    const onDisk = JSON.parse(fs.readFileSync(path.join(dataDir, 'settings.json'), 'utf8')) as { language: string };
    expect(onDisk.language).toBe('es');
    a.close();
    b.close();
  });

  it('answers malformed messages with an error naming what was wrong, and keeps serving', async () => {
    const ws = await connectWs(host);
    expect(await ws.sendRaw('{not json')).toMatchObject({ id: null, ok: false, error: { code: 'bad_message', message: 'Message is not valid JSON' } });
    expect(await ws.sendRaw(JSON.stringify({ id: 7, input: {} }))).toMatchObject({
      id: 7,
      ok: false,
      error: { code: 'bad_message', issues: [{ path: 'channel' }] },
    });
    expect(await ws.sendRaw(JSON.stringify({ id: 8, channel: 'patients.search', input: { text: 12 } }))).toMatchObject({
      id: 8,
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'text' }] },
    });
    expect(await ws.sendRaw(JSON.stringify({ id: 9, channel: 'settings.set', input: { telephony: { tokenEndpoint: 'ftp://x' } } }))).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'telephony.tokenEndpoint' }] },
    });
    expect(await ws.sendRaw(JSON.stringify({ id: 10, channel: 'patients.dropAll', input: {} }))).toMatchObject({
      ok: false,
      error: { code: 'unknown_channel' },
    });
    expect(await ws.sendRaw(JSON.stringify([1, 2, 3]))).toMatchObject({ ok: false, error: { code: 'bad_message' } });
    const binary = new Promise<Record<string, unknown>>((resolve) =>
      ws.socket.once('message', (d) => resolve(JSON.parse(d.toString()) as Record<string, unknown>)),
    );
    ws.socket.send(Buffer.from([0xde, 0xad, 0xbe, 0xef]));
    expect(await binary).toMatchObject({ ok: false, error: { code: 'bad_message' } });
    // Same connection, still serving.
    expect(await ws.request('patients.search', { text: 'walter' })).toMatchObject({ ok: true, value: [{ id: 'pat-2' }] });
    ws.close();
  });

  it('drops a connection that sends an oversized message, and stays up for others', async () => {
    const ws = await connectWs(host);
    const closed = new Promise<number>((resolve) => ws.socket.once('close', (code) => resolve(code)));
    ws.socket.send(JSON.stringify({ id: 1, channel: 'patients.search', input: { text: 'x'.repeat(2 * 1024 * 1024) } }));
    expect(await closed).toBe(1009);
    const next = await connectWs(host);
    expect(await next.request('app.info', {})).toMatchObject({ ok: true });
    next.close();
  });

  it('refuses WebSockets without the secret, with a wrong one, or from another origin', async () => {
    await expect(connectWs(host, { secret: null })).rejects.toThrow(/401/);
    await expect(connectWs(host, { secret: 'guessed-secret' })).rejects.toThrow(/401/);
    await expect(connectWs(host, { origin: 'https://evil.example' })).rejects.toThrow(/403/);
    await expect(connectWs(host, { origin: 'http://localhost:1' })).rejects.toThrow(/403/);
    await expect(connectWs(host, { origin: null })).rejects.toThrow(/403/);
    expect(host.stderr()).toMatch(/refused a WebSocket/);
    expect(host.stderr()).not.toContain(host.secret);
  });

  it('answers a malformed request target with 400 and keeps serving', async () => {
    const upgrade = `Connection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: ${host.origin}\r\n`;
    for (const extra of ['', upgrade]) {
      const status = await new Promise<string>((resolve) => {
        const socket = net.connect(host.port, '127.0.0.1', () => socket.write(`GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n${extra}\r\n`));
        socket.once('data', (d) => {
          resolve(d.toString().split('\r\n')[0]!);
          socket.destroy();
        });
      });
      expect(status).toBe('HTTP/1.1 400 Bad Request');
    }
    expect(host.process.exitCode).toBeNull();
    expect((await httpGet(host.port, '/')).status).toBe(200);
  });

  it('serves the page with a strict CSP, and nothing for a foreign Host or outside the renderer', async () => {
    const page = await httpGet(host.port, '/');
    expect(page.status).toBe(200);
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    expect(page.headers['x-frame-options']).toBe('DENY');
    expect((await httpGet(host.port, '/', { Host: 'attacker.example:80' })).status).toBe(421);
    expect((await httpGet(host.port, '/../package.json')).status).toBe(404);
    expect((await httpGet(host.port, '/%2e%2e/%2e%2e/package.json')).status).toBe(404);
  });
});

describe('browser host start-up with a database it cannot use', () => {
  it('sets aside an unreadable cache, keeps its bytes, and reports it in app.info', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'desk.db'), 'this is not a database, it is a damaged file '.repeat(200));
    const host = await spawnHost(dir);
    try {
      const ws = await connectWs(host);
      const info = (await ws.request('app.info', {})).value as { notices: string[]; database: { setAside?: { movedTo: string } } };
      expect(info.notices.join(' ')).toMatch(/moved aside and a new, empty cache was started/);
      expect(fs.readFileSync(info.database.setAside!.movedTo, 'utf8')).toMatch(/^this is not a database/);
      ws.close();
    } finally {
      await host.stop();
    }
  });

  it('refuses to start on a cache from a newer schema, says why, and leaves it alone', async () => {
    const dir = tempDir();
    await seedPatients(dir, [{ id: 'p', name: 'Kept Patient' }]);
    const db = openKeyedConnection(path.join(dir, 'desk.db'), Buffer.from(fs.readFileSync(path.join(dir, 'db.key'), 'utf8').trim(), 'hex'));
    db.prepare("INSERT INTO schema_version VALUES (99, 'future', 'now')").run();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const before = fs.readFileSync(path.join(dir, 'desk.db'));
    const error = await spawnHost(dir).catch((e: Error) => e);
    expect(String(error)).toMatch(/exited with 3.*newer version of Ambassador Desk \(schema 99/s);
    expect(fs.readFileSync(path.join(dir, 'desk.db')).equals(before)).toBe(true);
  });
});
