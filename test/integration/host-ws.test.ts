import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

  it('listens on 127.0.0.1 only and prints a URL carrying the launch secret', () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#k=[\w-]{20,}$/);
  });

  it('answers valid requests on every channel', async () => {
    const ws = await connectWs(host);
    const info = await ws.request('app.info', {});
    expect(info).toMatchObject({ type: 'reply', ok: true, value: { mode: 'browser-host', dataDir, database: { encrypted: true, schemaVersion: latestSchemaVersion } } });
    const found = await ws.request('patients.search', { text: 'qui' });
    expect((found.value as { name: string }[]).map((p) => p.name)).toEqual(['Renata Quiñones', 'Walter Quincy']);
    const byMrn = await ws.request('patients.search', { text: 'MRN-7001' });
    expect(byMrn.value).toEqual([
      { id: 'pat-1', name: 'Renata Quiñones', birthDate: '1958-03-14', gender: null, mrn: 'MRN-7001', phone: '+15551230001', language: 'es', active: true, deceased: null, mergedInto: null, phones: [], source: 'local files', linked: [] },
    ]);
    expect(await ws.request('settings.get', {})).toMatchObject({ ok: true, value: { theme: 'system', language: 'en' } });
    ws.close();
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
    expect(await ws.sendRaw(JSON.stringify({ id: 10, channel: 'patients.dropAll', input: {} }))).toMatchObject({ ok: false, error: { code: 'unknown_channel' } });
    expect(await ws.sendRaw(JSON.stringify([1, 2, 3]))).toMatchObject({ ok: false, error: { code: 'bad_message' } });
    const binary = new Promise<Record<string, unknown>>((resolve) => ws.socket.once('message', (d) => resolve(JSON.parse(d.toString()) as Record<string, unknown>)));
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
        const socket = net.connect(host.port, '127.0.0.1', () =>
          socket.write(`GET //[ HTTP/1.1\r\nHost: 127.0.0.1:${host.port}\r\n${extra}\r\n`),
        );
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
