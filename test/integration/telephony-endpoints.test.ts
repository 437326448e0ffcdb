import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/handlers/registry';
import { telephonyHandlers } from '../../main/handlers/telephony';
import { createTelephonyService, TelephonyError, type TelephonyOptions } from '../../main/services/telephony/service';
import type { SettingsPatch } from '../../preload/contract';
import { memorySettings } from '../support/settings';

/**
 * The organisation's backend, played by a real HTTP server on 127.0.0.1: a token endpoint issuing HS256 JWTs
 * (as Twilio access tokens are), and hold and transfer endpoints that record what they were sent.
 */

const signingKey = randomBytes(32);
const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function accessToken(claims: Record<string, unknown>): string {
  const head = b64url({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1' });
  const body = b64url({ jti: 'SKtest-1', iss: 'SKtest', sub: 'ACtest', grants: { identity: 'agent-7', voice: { incoming: { allow: true } } }, ...claims });
  const signature = createHmac('sha256', signingKey).update(`${head}.${body}`).digest('base64url');
  return `${head}.${body}.${signature}`;
}
const secondsFromNow = (s: number) => Math.floor(Date.now() / 1000) + s;

interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}
type Route = (res: http.ServerResponse, req: Received) => void;

const received: Received[] = [];
const routes = new Map<string, Route>();
const json =
  (status: number, value: unknown): Route =>
  (res) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(typeof value === 'string' ? value : JSON.stringify(value));
  };

let server: http.Server;
let base: string;
let closedPort: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => {
      const request: Received = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body };
      received.push(request);
      const route = routes.get(request.path);
      if (route) route(res, request);
      else json(404, { error: 'no such endpoint' })(res, request);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // A port where nothing listens: bind one, note it, close it.
  const probe = http.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

let issued: string;
beforeEach(() => {
  received.length = 0;
  routes.clear();
  issued = accessToken({ exp: secondsFromNow(300) });
  routes.set('/token', json(200, { token: issued, identity: 'agent-7' }));
  routes.set('/hold', (res) => res.writeHead(204).end());
  routes.set('/transfer', json(200, { status: 'queued' }));
});

const endpoints = () => ({ tokenEndpoint: `${base}/token`, holdEndpoint: `${base}/hold`, transferEndpoint: `${base}/transfer` });

function service(telephony: NonNullable<SettingsPatch['telephony']> = endpoints(), options: Partial<TelephonyOptions> = {}) {
  return createTelephonyService({ settings: memorySettings({ telephony }), timeoutMs: 3000, ...options });
}

async function failure(promise: Promise<unknown>): Promise<TelephonyError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof TelephonyError) return error;
    throw error;
  }
  throw new Error('expected the request to fail, and it succeeded');
}

/** The token must appear in no message, whole or in part (its signature is the secret-bearing part). */
function expectNoToken(text: string, token: string) {
  expect(text).not.toContain(token);
  expect(text).not.toContain(token.split('.')[2]!);
  expect(text).not.toContain(token.split('.')[1]!);
}

describe('the token endpoint', () => {
  it('is POSTed an empty JSON object asking for JSON, and its token is checked and returned with the JWT’s expiry', async () => {
    const exp = secondsFromNow(300);
    issued = accessToken({ exp });
    routes.set('/token', json(200, { token: issued, identity: 'agent-7' }));
    const token = await service().token();
    expect(token).toEqual({ token: issued, identity: 'agent-7', expiresAt: new Date(exp * 1000).toISOString() });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'POST', path: '/token', body: '{}' });
    expect(received[0]!.headers.accept).toBe('application/json');
    expect(received[0]!.headers['content-type']).toBe('application/json');
  });

  it('takes the earliest of the answer’s expiresAt, its ttl and the JWT’s exp', async () => {
    const now = Date.parse('2031-05-01T12:00:00.000Z');
    issued = accessToken({ exp: now / 1000 + 3600 });
    const at = (answer: Record<string, unknown>) => {
      routes.set('/token', json(200, { token: issued, identity: 'agent-7', ...answer }));
      return service(endpoints(), { now: () => now })
        .token()
        .then((t) => t.expiresAt);
    };
    expect(await at({ expiresAt: '2031-05-01T12:30:00Z' })).toBe('2031-05-01T12:30:00.000Z');
    expect(await at({ expiresAt: '2031-05-01T14:30:00+02:00' })).toBe('2031-05-01T12:30:00.000Z');
    expect(await at({ ttl: 600 })).toBe('2031-05-01T12:10:00.000Z');
    expect(await at({ expiresAt: '2031-05-02T00:00:00Z' })).toBe('2031-05-01T13:00:00.000Z');
    expect(await at({})).toBe('2031-05-01T13:00:00.000Z');
  });

  it('refuses a token that has already expired, saying so and suggesting the clocks', async () => {
    issued = accessToken({ exp: secondsFromNow(-60) });
    routes.set('/token', json(200, { token: issued, identity: 'agent-7' }));
    const error = await failure(service().token());
    expect(error.code).toBe('expired');
    expect(error.message).toMatch(
      /^The token endpoint at 127\.0\.0\.1:\d+ issued a token that had already expired \(at .*Z; this workstation’s clock says .*Z\)\. Check the clock/,
    );
    expectNoToken(error.message, issued);

    // A fresh token is expired too if this workstation's clock is an hour ahead.
    issued = accessToken({ exp: secondsFromNow(300) });
    routes.set('/token', json(200, { token: issued, identity: 'agent-7' }));
    expect((await failure(service(endpoints(), { now: () => Date.now() + 3_600_000 }).token())).code).toBe('expired');
    // And an answer whose expiresAt is past wins over a JWT exp in the future.
    routes.set('/token', json(200, { token: issued, identity: 'agent-7', expiresAt: new Date(Date.now() - 1000).toISOString() }));
    expect((await failure(service().token())).code).toBe('expired');
  });

  it('explains an answer that is not JSON, is not an object, lacks the token or identity, or carries no JWT', async () => {
    const cases: [Route, TelephonyError['code'], RegExp][] = [
      [json(200, `{"token": "${issued}", "identity": `), 'not_json', /did not answer with JSON \(it sent application\/json\)/],
      [
        (res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<html>${issued}</html>`),
        'not_json',
        /did not answer with JSON \(it sent text\/html\)/,
      ],
      [(res) => res.writeHead(200).end(), 'not_json', /did not answer with JSON \(it sent an empty answer\)/],
      [json(200, [issued]), 'invalid_reply', /answered with JSON that is not an object/],
      [json(200, { identity: 'agent-7' }), 'invalid_reply', /^The token endpoint’s answer has no token\. /],
      [json(200, { token: 42, identity: 'agent-7' }), 'invalid_reply', /answer has a token that is not a string/],
      [json(200, { token: issued }), 'invalid_reply', /answer has no identity/],
      [json(200, { token: issued, identity: 'agent-7', expiresAt: 'next tuesday' }), 'invalid_reply', /expiresAt that is not an ISO 8601/],
      [json(200, { token: 'x'.repeat(40), identity: 'agent-7' }), 'malformed_jwt', /sent a token that is not a well-formed JWT/],
      [json(200, { token: `${issued.split('.')[0]}.bm90IGpzb24.${issued.split('.')[2]}`, identity: 'agent-7' }), 'malformed_jwt', /not a well-formed JWT/],
      [json(200, { token: accessToken({ exp: undefined }), identity: 'agent-7' }), 'invalid_reply', /does not say when the token expires/],
      [json(200, { token: issued, identity: 'agent-7', padding: 'x'.repeat(70_000) }), 'invalid_reply', /sent an answer larger than 64 KiB/],
    ];
    for (const [route, code, message] of cases) {
      routes.set('/token', route);
      const error = await failure(service().token());
      expect({ code: error.code, message: error.message }, String(message)).toMatchObject({ code, message: expect.stringMatching(message) });
      expect(error.message).toMatch(/The softphone cannot connect until this is fixed\.$/);
      expectNoToken(error.message, issued);
    }
  });

  it('says the endpoint refused this workstation on 401 and 403, and names other statuses', async () => {
    for (const status of [401, 403]) {
      routes.set('/token', json(status, { error: 'denied', token: issued }));
      const error = await failure(service().token());
      expect(error.code).toBe('refused');
      expect(error.message).toBe(
        `The token endpoint refused this workstation (HTTP ${status}); ask your telephony administrator to allow it. The softphone cannot connect until this is fixed.`,
      );
    }
    routes.set('/token', json(500, { error: `internal error with ${issued}` }));
    const error = await failure(service().token());
    expect(error.code).toBe('http_status');
    expect(error.message).toMatch(/^The token endpoint at 127\.0\.0\.1:\d+ answered HTTP 500 \(a problem on the organisation’s server\)\./);
    expectNoToken(error.message, issued);
  });

  it('does not follow a redirect', async () => {
    routes.set('/token', (res) => res.writeHead(302, { location: '/elsewhere' }).end());
    routes.set('/elsewhere', json(200, { token: issued, identity: 'agent-7' }));
    const error = await failure(service().token());
    expect(error.message).toMatch(/answered with a redirect \(HTTP 302\), which is not followed/);
    expect(received.map((r) => r.path)).toEqual(['/token']);
  });

  it('names the host it could not reach', async () => {
    const error = await failure(service({ tokenEndpoint: `http://127.0.0.1:${closedPort}/token` }).token());
    expect(error.code).toBe('unreachable');
    expect(error.message).toBe(
      `Could not reach the token endpoint at 127.0.0.1:${closedPort} (connection refused); check the network connection and the address in Settings → Telephony. The softphone cannot connect until this is fixed.`,
    );
  });

  // A 200 ms deadline, checked against 5 s of wall time: a margin for a loaded machine, still far below "never".
  it('gives up on a server that does not answer, or stops half-way through its answer, at the deadline', { timeout: 15_000 }, async () => {
    routes.set('/token', () => {}); // never answers
    let started = Date.now();
    const silent = await failure(service(endpoints(), { timeoutMs: 200 }).token());
    expect(Date.now() - started).toBeLessThan(5000);
    expect(silent.code).toBe('timeout');
    expect(silent.message).toMatch(/^The token endpoint at 127\.0\.0\.1:\d+ did not answer within 0\.2 seconds\. The softphone cannot connect/);

    routes.set('/token', (res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(`{"token": "${issued}", `); // and nothing more
    });
    started = Date.now();
    const stalled = await failure(service(endpoints(), { timeoutMs: 200 }).token());
    expect(Date.now() - started).toBeLessThan(5000);
    expect(stalled.code).toBe('timeout');
    expectNoToken(stalled.message, issued);
  });

  it('crosses the contract with its plain message, and neither the reply nor the log carries the token', async () => {
    const telephony = service();
    const registry = new Map(telephonyHandlers({ telephony }).map((r) => [r.channel.name, r]));
    const log: string[] = [];
    expect(await dispatch(registry, 'telephony.token', {}, (l) => log.push(l))).toMatchObject({ ok: true, value: { token: issued, identity: 'agent-7' } });

    routes.set('/token', json(200, `{"token": "${issued}"`));
    const reply = await dispatch(registry, 'telephony.token', {}, (l) => log.push(l));
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'failed', message: expect.stringMatching(/^The token endpoint at 127\.0\.0\.1:\d+ did not answer with JSON/) },
    });
    expect(log).toEqual([expect.stringMatching(/^telephony\.token failed: TelephonyError \[not_json\]: The token endpoint/)]);
    expectNoToken(JSON.stringify(reply) + log.join('\n'), issued);

    expect(await dispatch(registry, 'telephony.hold', { callSid: 'not a sid', hold: true }, () => {})).toMatchObject({
      ok: false,
      error: { code: 'invalid_input', issues: [{ path: 'callSid' }] },
    });
    expect(received.filter((r) => r.path === '/hold')).toEqual([]);
  });
});

describe('hold and transfer', () => {
  const callSid = 'CA0123456789abcdef0123456789abcdef';

  it('send exactly { callSid, hold } and { callSid, to, mode } as JSON, to the number from the directory', async () => {
    const telephony = service();
    expect(await telephony.hold(callSid, true)).toEqual({ ok: true });
    expect(await telephony.hold(callSid, false)).toEqual({ ok: true });
    expect(await telephony.transfer(callSid, 'billing-office', 'warm')).toEqual({ ok: true });
    expect(await telephony.transfer(callSid, 'nurse-line', 'cold')).toEqual({ ok: true });
    expect(received.map((r) => [r.method, r.path, r.headers['content-type'], r.headers.accept])).toEqual([
      ['POST', '/hold', 'application/json', 'application/json'],
      ['POST', '/hold', 'application/json', 'application/json'],
      ['POST', '/transfer', 'application/json', 'application/json'],
      ['POST', '/transfer', 'application/json', 'application/json'],
    ]);
    expect(received.map((r) => JSON.parse(r.body) as unknown)).toEqual([
      { callSid, hold: true },
      { callSid, hold: false },
      { callSid, to: '+15555550102', mode: 'warm' },
      { callSid, to: '+15555550101', mode: 'cold' },
    ]);
  });

  it('uses the organisation’s own directory once it is set', async () => {
    const telephony = service({ ...endpoints(), directory: [{ id: 'pharmacy', label: 'Pharmacy', number: '+15555550177' }] });
    await telephony.transfer(callSid, 'pharmacy', 'warm');
    expect(JSON.parse(received[0]!.body)).toEqual({ callSid, to: '+15555550177', mode: 'warm' });
    const error = await failure(telephony.transfer(callSid, 'nurse-line', 'warm'));
    expect(error.code).toBe('unknown_target');
    expect(received).toHaveLength(1);
  });

  it('refuses an unknown transfer target without sending anything', async () => {
    const error = await failure(service().transfer(callSid, 'the-moon', 'cold'));
    expect(error.code).toBe('unknown_target');
    expect(error.message).toBe('That transfer target is not in the directory (Settings → Telephony); it may have been removed. The call was not transferred.');
    expect(received).toEqual([]);
  });

  it('report a refusing or failing endpoint with its status and what did not happen', async () => {
    routes.set('/hold', json(500, { error: 'pbx down' }));
    const hold = await failure(service().hold(callSid, true));
    expect(hold.code).toBe('http_status');
    expect(hold.message).toMatch(
      /^The hold endpoint at 127\.0\.0\.1:\d+ answered HTTP 500 \(a problem on the organisation’s server\)\. The call was not put on hold\.$/,
    );
    expect((await failure(service().hold(callSid, false))).message).toMatch(/HTTP 500.*The call is still on hold\.$/);

    routes.set('/transfer', json(403, {}));
    const transfer = await failure(service().transfer(callSid, 'scheduling', 'warm'));
    expect(transfer.code).toBe('refused');
    expect(transfer.message).toBe(
      'The transfer endpoint refused this workstation (HTTP 403); ask your telephony administrator to allow it. The call was not transferred to Scheduling (example).',
    );

    routes.set('/transfer', json(404, {}));
    expect((await failure(service().transfer(callSid, 'scheduling', 'warm'))).message).toMatch(/answered HTTP 404 \(not found: check the address/);

    const unreachable = await failure(service({ ...endpoints(), holdEndpoint: `http://127.0.0.1:${closedPort}/hold` }).hold(callSid, true));
    expect(unreachable.message).toBe(
      `Could not reach the hold endpoint at 127.0.0.1:${closedPort} (connection refused); check the network connection and the address in Settings → Telephony. The call was not put on hold.`,
    );
    routes.set('/transfer', () => {});
    const slow = await failure(service(endpoints(), { timeoutMs: 200 }).transfer(callSid, 'nurse-line', 'cold'));
    expect(slow.code).toBe('timeout');
    expect(slow.message).toMatch(/^The transfer endpoint at 127\.0\.0\.1:\d+ did not answer within 0\.2 seconds\. The call was not transferred to Nurse line/);
  });
});

describe('configuration', () => {
  const callSid = 'CA0123456789abcdef0123456789abcdef';

  it('is Twilio with hold and transfer when all three endpoints are set', () => {
    expect(service().config()).toMatchObject({ mode: 'twilio', holdAvailable: true, transferAvailable: true, holdReason: null, transferReason: null });
    expect(
      service()
        .config()
        .directory.map((t) => t.id),
    ).toEqual(['nurse-line', 'billing-office', 'scheduling']);
  });

  it('turns hold and transfer off with the reason when their endpoints are not configured, and sends nothing', async () => {
    const telephony = service({ tokenEndpoint: `${base}/token` });
    expect(telephony.config()).toMatchObject({
      mode: 'twilio',
      holdAvailable: false,
      holdReason: 'No hold endpoint is configured (Settings → Telephony)',
      transferAvailable: false,
      transferReason: 'No transfer endpoint is configured (Settings → Telephony)',
    });
    const hold = await failure(telephony.hold(callSid, true));
    expect(hold.code).toBe('not_configured');
    expect(hold.message).toBe('No hold endpoint is configured (Settings → Telephony). The call was not put on hold.');
    expect((await failure(telephony.transfer(callSid, 'nurse-line', 'warm'))).message).toBe(
      'No transfer endpoint is configured (Settings → Telephony). The call was not transferred to Nurse line (example).',
    );
    expect(received).toEqual([]);
  });

  it('has no transfer without targets, whatever the endpoints', () => {
    expect(service({ ...endpoints(), directory: [] }).config()).toMatchObject({
      transferAvailable: false,
      transferReason: 'No transfer targets are listed in the directory (Settings → Telephony)',
      holdAvailable: true,
      directory: [],
    });
  });

  it('is training mode without a token endpoint: hold and transfer simulated, no token, nothing sent', async () => {
    const telephony = service({ holdEndpoint: `${base}/hold`, transferEndpoint: '' });
    expect(telephony.config()).toMatchObject({ mode: 'training', holdAvailable: true, transferAvailable: true, holdReason: null, transferReason: null });
    const token = await failure(telephony.token());
    expect(token.code).toBe('not_configured');
    expect(token.message).toMatch(/^No token endpoint is configured \(Settings → Telephony\): the desk is in training mode/);
    expect(await telephony.hold('TR0123456789', true)).toEqual({ ok: true });
    expect(await telephony.transfer('TR0123456789', 'scheduling', 'warm')).toEqual({ ok: true });
    expect((await failure(telephony.transfer('TR0123456789', 'the-moon', 'warm'))).code).toBe('unknown_target');
    expect(received).toEqual([]);
  });

  it('follows settings changes without a restart', () => {
    const settings = memorySettings({ telephony: { tokenEndpoint: `${base}/token` } });
    const telephony = createTelephonyService({ settings });
    expect(telephony.config().holdAvailable).toBe(false);
    settings.set({ telephony: { holdEndpoint: `${base}/hold` } });
    expect(telephony.config().holdAvailable).toBe(true);
  });
});
