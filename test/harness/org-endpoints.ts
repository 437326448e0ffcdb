/**
 * The organisation's telephony backend, faked as a real HTTP server on 127.0.0.1: a token endpoint issuing
 * Twilio-shaped access tokens (HS256, signed with a test API key secret, short ttl), and the hold and transfer
 * endpoints the app calls with `{callSid, hold}` / `{callSid, to, mode}`. The app talks to it exactly as it
 * does to a real backend (main's telephony service, over HTTP).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeTwilioToken } from './jwt';

export interface OrgRequest {
  path: string;
  method: string;
  body: unknown;
  at: number;
}

/** What the next token request gets. */
export type TokenMode =
  | 'valid'
  /** A JWT signed with a key the gateway does not know (the gateway refuses it: 31204). */
  | 'wrong-key'
  /** Not a JWT at all (the app refuses it before the SDK sees it). */
  | 'not-a-jwt'
  /** HTTP 503 from the token service. */
  | 'unavailable';

export interface OrgEndpointsOptions {
  identity?: string;
  /** Lifetime of each issued token, seconds. Default 300 (short, as a real backend's should be). */
  ttlSeconds?: number;
  /** The API key secret tokens are signed with; give the same to TwilioGateway's `signingSecret`. */
  apiKeySecret?: string;
  /** Called for each hold request after it is recorded; throw to answer 500. */
  onHold?: (body: { callSid: string; hold: boolean }) => void;
  /** Called for each transfer request after it is recorded; throw to answer 500. */
  onTransfer?: (body: { callSid: string; to: string; mode: string }) => void;
}

export interface OrgEndpoints {
  readonly base: string;
  readonly tokenUrl: string;
  readonly holdUrl: string;
  readonly transferUrl: string;
  readonly apiKeySecret: string;
  /** Every request, in order. */
  readonly requests: OrgRequest[];
  /** Tokens issued so far (valid or not). */
  readonly tokens: string[];
  /** Modes for the next token requests, first first; when empty, tokens are valid. */
  nextTokens: TokenMode[];
  ttlSeconds: number;
  /** Resolves with the next request to `path` at or after index `from` of `requests`. */
  waitFor(path: string, options?: { from?: number; timeoutMs?: number }): Promise<OrgRequest>;
  close(): Promise<void>;
}

const readBody = (req: http.IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    req.on('end', () => resolve(body));
  });

export async function startOrgEndpoints(options: OrgEndpointsOptions = {}): Promise<OrgEndpoints> {
  const identity = options.identity ?? 'ambassador-e2e';
  const apiKeySecret = options.apiKeySecret ?? 'org-endpoints-test-secret';
  const requests: OrgRequest[] = [];
  const tokens: string[] = [];
  const waiters = new Set<{ path: string; from: number; resolve: (r: OrgRequest) => void }>();

  const reply = (res: http.ServerResponse, status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(value));
  };

  const issueToken = (res: http.ServerResponse) => {
    const mode = api.nextTokens.shift() ?? 'valid';
    if (mode === 'unavailable') return reply(res, 503, { error: 'token service is down' });
    const token =
      mode === 'not-a-jwt'
        ? 'this-is-not-an-access-token-at-all'
        : makeTwilioToken({ identity, ttlSeconds: api.ttlSeconds, apiKeySecret: mode === 'wrong-key' ? 'some-other-secret' : apiKeySecret });
    tokens.push(token);
    return reply(res, 200, { token, identity, ttl: api.ttlSeconds });
  };

  const server = http.createServer((req, res) => {
    void readBody(req).then((text) => {
      let body: unknown = text;
      try {
        body = text ? JSON.parse(text) : null;
      } catch {
        // recorded as text
      }
      const request: OrgRequest = { path: req.url ?? '', method: req.method ?? '', body, at: Date.now() };
      requests.push(request);
      for (const w of [...waiters]) {
        if (w.path === request.path && requests.length - 1 >= w.from) {
          waiters.delete(w);
          w.resolve(request);
        }
      }
      if (req.method !== 'POST') return reply(res, 405, { error: 'POST only' });
      try {
        if (request.path === '/token') return issueToken(res);
        if (request.path === '/hold') {
          options.onHold?.(body as { callSid: string; hold: boolean });
          return reply(res, 200, { ok: true });
        }
        if (request.path === '/transfer') {
          options.onTransfer?.(body as { callSid: string; to: string; mode: string });
          return reply(res, 200, { ok: true });
        }
        return reply(res, 404, { error: 'no such endpoint' });
      } catch (e) {
        return reply(res, 500, { error: (e as Error).message });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const api: OrgEndpoints = {
    base,
    tokenUrl: `${base}/token`,
    holdUrl: `${base}/hold`,
    transferUrl: `${base}/transfer`,
    apiKeySecret,
    requests,
    tokens,
    nextTokens: [],
    ttlSeconds: options.ttlSeconds ?? 300,
    waitFor(path, { from = 0, timeoutMs = 10_000 } = {}) {
      const seen = requests.slice(from).find((r) => r.path === path);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const waiter = {
          path,
          from,
          resolve: (r: OrgRequest) => {
            clearTimeout(timer);
            resolve(r);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`org endpoints: no request to ${path} within ${timeoutMs} ms; saw [${requests.map((r) => r.path).join(', ')}]`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return api;
}
