// Issue 15, point 8: the browser host's launch secret can be changed without a restart, and each WebSocket
// connection is held to limits (messages per second, requests waiting for a reply), against the real host process.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { defaultHostLimits, secretChangedClose } from '../../main/host/server';
import { connectWs, distDir, spawnHost, type RunningHost } from '../support/host';
import { tempDir } from '../support/tmp';

interface Reply {
  type: string;
  id: number | null;
  ok: boolean;
  error?: { code: string; message: string };
}

/** Runs `node dist/host/main.js --rotate-secret --data-dir DIR`, as `npm run host:rotate-secret` does. */
function rotateCommand(dataDir: string): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
  const started = Date.now();
  const child = spawn(process.execPath, [path.join(distDir, 'host', 'main.js'), '--rotate-secret', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started })));
}

/** Sends raw request texts at once and collects one reply per id. */
function burst(socket: WebSocket, requests: { id: number; channel: string; input: unknown }[]): Promise<Map<number, Reply>> {
  const replies = new Map<number, Reply>();
  const ids = new Set(requests.map((r) => r.id));
  return new Promise((resolve) => {
    const onMessage = (data: Buffer) => {
      const m = JSON.parse(data.toString()) as Reply;
      if (m.type !== 'reply' || m.id === null || !ids.has(m.id)) return;
      replies.set(m.id, m);
      if (replies.size === requests.length) {
        socket.off('message', onMessage);
        resolve(replies);
      }
    };
    socket.on('message', onMessage);
    for (const r of requests) socket.send(JSON.stringify(r));
  });
}

describe('browser host: changing the launch secret without a restart', () => {
  let host: RunningHost;
  let stdout = '';
  const dataDir = tempDir('desk-host-rotate-');

  beforeAll(async () => {
    host = await spawnHost(dataDir);
    host.process.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  });
  afterAll(async () => {
    await host?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('disconnects pages opened with the old secret, saying why, and admits only the new one', async () => {
    const page = await connectWs(host);
    expect(await page.request('app.info', {})).toMatchObject({ ok: true });
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      page.socket.once('close', (code, reason) => resolve({ code, reason: reason.toString() })),
    );

    const run = await rotateCommand(dataDir);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const printed = /Open: (http:\/\/127\.0\.0\.1:(\d+)\/#k=([\w-]+))/.exec(run.stdout);
    expect(printed, run.stdout).not.toBeNull();
    expect(Number(printed![2])).toBe(host.port);
    const fresh = printed![3]!;
    expect(fresh).not.toBe(host.secret);
    expect(fresh.length).toBeGreaterThanOrEqual(30);
    expect(run.ms).toBeLessThan(3000);

    // The open page was closed with a message it can show.
    expect(await closed).toEqual({ code: 4001, reason: "The desk's access key was changed: open the new address the host printed" });
    expect(secretChangedClose.code).toBe(4001);

    // The old secret no longer opens anything; the new one does, on the same running host (same process, same port).
    await expect(connectWs(host)).rejects.toThrow(/401/);
    const again = await connectWs({ ...host, secret: fresh });
    expect(await again.request('patients.search', { text: 'nobody' })).toMatchObject({ ok: true, value: [] });
    expect(host.process.exitCode).toBeNull();

    // The person who started the host sees the new address there too; the log never carries a secret.
    expect(stdout).toContain(`Ambassador Desk is now at ${printed![1]}`);
    expect(host.stderr()).toMatch(/the launch secret was changed; 1 open page was disconnected/);
    expect(host.stderr()).not.toContain(fresh);
    expect(host.stderr()).not.toContain(host.secret);
    // The hand-over file is gone once the command has read it.
    expect(fs.readdirSync(path.join(dataDir, 'host-control'))).toEqual([]);

    // And again: each change replaces the one before.
    const second = await rotateCommand(dataDir);
    const newer = /#k=([\w-]+)/.exec(second.stdout)![1]!;
    await expect(connectWs({ ...host, secret: fresh })).rejects.toThrow(/401/);
    const third = await connectWs({ ...host, secret: newer });
    expect(await third.request('app.info', {})).toMatchObject({ ok: true });
    third.close();
    again.close();
  });

  it('says so when no host is running on that data folder', async () => {
    const empty = tempDir('desk-host-none-');
    fs.mkdirSync(path.join(empty, 'host-control'));
    const run = await rotateCommand(empty);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^No browser host answered on the data folder .* within 5 s; is it running\?/);
    // Its request is taken back, so a host started later does not act on it.
    expect(fs.readdirSync(path.join(empty, 'host-control'))).toEqual([]);
    const never = await rotateCommand(tempDir('desk-host-never-'));
    expect(never).toMatchObject({ code: 1, stderr: expect.stringMatching(/^No browser host has run with the data folder/) });
  }, 20_000);
});

describe('browser host: per-connection limits', () => {
  let host: RunningHost;
  const dataDir = tempDir('desk-host-limits-');
  // The organisation's token endpoint, held open until the test lets it answer: requests that stay pending.
  const held: http.ServerResponse[] = [];
  const endpoint = http.createServer((_req, res) => held.push(res));
  const release = () => {
    for (const res of held.splice(0)) res.writeHead(503).end();
  };

  beforeAll(async () => {
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', resolve));
    host = await spawnHost(dataDir);
  });
  afterAll(async () => {
    release();
    endpoint.close();
    await host?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses messages over the per-second limit with an error naming it, and serves the connection again a second later', async () => {
    const limit = defaultHostLimits.messagesPerSecond;
    expect(limit).toBe(100);
    const flood = await connectWs(host);
    const calm = await connectWs(host);
    const requests = Array.from({ length: 3 * limit }, (_, i) => ({ id: i + 1, channel: 'app.info', input: {} }));
    const replies = await burst(flood.socket, requests);
    // Every request is answered, under its own id: either served or refused with the limit named.
    expect(replies.size).toBe(requests.length);
    const limited = [...replies.values()].filter((r) => r.error?.code === 'rate_limited');
    // The first 100 fit the limit (a burst of that many is allowed); well over 100 of the rest are refused (the
    // allowance refills at 100 a second, and sending them takes a fraction of that).
    expect(limited.every((r) => r.id! > limit)).toBe(true);
    expect(limited.length).toBeGreaterThanOrEqual(limit);
    expect(limited[0]!.error).toEqual({
      code: 'rate_limited',
      message: 'Too many messages: a connection may send at most 100 per second. Wait a moment, then try again.',
    });
    expect(new Set(limited.map((r) => r.error!.message)).size).toBe(1);
    expect(replies.get(1)).toMatchObject({ ok: true });
    // The limit is per connection: another page is served meanwhile.
    expect(await calm.request('app.info', {})).toMatchObject({ ok: true });
    // A second later the flooding connection is served again.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    expect((await burst(flood.socket, [{ id: 10_000, channel: 'app.info', input: {} }])).get(10_000)).toMatchObject({ ok: true });
    expect(host.stderr()).toMatch(/a connection went over its limit \(rate_limited\)/);
    flood.close();
    calm.close();
  });

  it('refuses a request over the limit of requests waiting for a reply, naming it, and takes requests again once replies are sent', async () => {
    const limit = defaultHostLimits.pendingRequests;
    expect(limit).toBe(32);
    const ws = await connectWs(host);
    const { port } = endpoint.address() as { port: number };
    expect(await ws.request('settings.set', { telephony: { tokenEndpoint: `http://127.0.0.1:${port}/token` } })).toMatchObject({ ok: true });

    const waiting = burst(
      ws.socket,
      Array.from({ length: limit }, (_, i) => ({ id: 100 + i, channel: 'telephony.token', input: {} })),
    );
    // All of them reach the endpoint and wait there.
    await expect.poll(() => held.length, { timeout: 10_000 }).toBe(limit);
    const over = await burst(ws.socket, [{ id: 999, channel: 'app.info', input: {} }]);
    expect(over.get(999)).toEqual({
      type: 'reply',
      id: 999,
      ok: false,
      error: {
        code: 'too_many_pending',
        message: 'Too many requests at once: a connection may have at most 32 waiting for a reply. Wait for them to finish, then try again.',
      },
    });
    // Another connection is not held up by this one's count.
    const other = await connectWs(host);
    expect(await other.request('app.info', {})).toMatchObject({ ok: true });

    release();
    const answered = await waiting;
    expect([...answered.values()].every((r) => r.error?.code === 'failed' && /answered HTTP 503/.test(r.error.message))).toBe(true);
    expect((await burst(ws.socket, [{ id: 1000, channel: 'app.info', input: {} }])).get(1000)).toMatchObject({ ok: true });
    ws.close();
    other.close();
  });
});
