import crypto from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { WsRequest, describeIssues, issuesToText, type WsServerMessage } from '../../preload/contract';
import { dispatch, type Logger, type Registry } from '../handlers';
import { contentSecurityPolicy } from '../security';
import { readStatic } from './static';

export interface HostOptions {
  registry: Registry;
  rendererDir: string;
  port?: number;
  log?: Logger;
  /** Largest WebSocket message accepted, in bytes. */
  maxMessageBytes?: number;
  /** What one connection may ask of the host (defaults: defaultHostLimits). */
  limits?: Partial<HostLimits>;
  /**
   * Serve the renderer's source maps (*.map). Off unless asked for (a developer's `--source-maps`): a map holds the
   * page's original source, which a production desk has no reason to hand out.
   */
  serveSourceMaps?: boolean;
}

/** Per-connection limits of the WebSocket, so one page (or anything holding the secret) cannot swamp the host. */
export interface HostLimits {
  /** Messages a connection may send per second: a burst of this many, then this many each second. */
  messagesPerSecond: number;
  /** Requests a connection may have waiting for their reply at once. */
  pendingRequests: number;
}

export const defaultHostLimits: HostLimits = { messagesPerSecond: 100, pendingRequests: 32 };

/** The WebSocket close code and reason sent to open pages when the launch secret is changed. */
export const secretChangedClose = {
  code: 4001,
  reason: "The desk's access key was changed: open the new address the host printed",
} as const;

export interface Host {
  readonly port: number;
  readonly origin: string;
  /** The URL to open: carries the per-launch secret in the fragment, so it never reaches a server log. */
  readonly url: string;
  readonly secret: string;
  /**
   * Replaces the launch secret without a restart: every open page is disconnected (close code 4001, saying why), and
   * only the new URL connects from now on. Returns the new URL.
   */
  rotateSecret(): string;
  broadcast(event: string, payload: unknown): void;
  close(): Promise<void>;
}

const loopback = '127.0.0.1';

function sameSecret(given: string | null, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** A request's id, read cheaply from the start of a message that will not be parsed (the page sends `{"id":…` first). */
function leadingId(text: string): number | null {
  const match = /^\s*\{\s*"id"\s*:\s*(\d{1,15})\s*[,}]/.exec(text.slice(0, 64));
  return match ? Number(match[1]) : null;
}

const newSecret = () => crypto.randomBytes(24).toString('base64url');

/** Serves the built renderer and the contract over a WebSocket, on 127.0.0.1 only. */
export async function startHost(options: HostOptions): Promise<Host> {
  const log = options.log ?? (() => {});
  const limits: HostLimits = { ...defaultHostLimits, ...options.limits };
  let secret = newSecret();
  // Which secret a connection was let in with: a page of an older one is not served while its close completes.
  let generation = 0;
  const server = http.createServer();
  const wss = new WebSocketServer({ noServer: true, maxPayload: options.maxMessageBytes ?? 1024 * 1024 });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, loopback, () => resolve());
  });
  const port = (server.address() as { port: number }).port;
  const origin = `http://${loopback}:${port}`;
  // Only the address the host prints: a page on localhost would have another Origin and be refused anyway.
  const allowedHosts = new Set([`${loopback}:${port}`]);
  const parse = (raw: string | undefined): URL | undefined => {
    try {
      return new URL(raw ?? '/', origin);
    } catch {
      return undefined;
    }
  };
  const csp = contentSecurityPolicy([`ws://${loopback}:${port}`]);

  server.on('request', (req, res) => {
    // A page on another site that resolves its own name to 127.0.0.1 (DNS rebinding) sends its own Host.
    if (!allowedHosts.has(req.headers.host ?? '')) {
      res.writeHead(421).end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return;
    }
    const url = parse(req.url);
    if (!url) {
      res.writeHead(400).end();
      return;
    }
    const file = readStatic(options.rendererDir, url.pathname, { sourceMaps: options.serveSourceMaps === true });
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found');
      return;
    }
    res.writeHead(200, {
      'Content-Type': file.contentType,
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'DENY',
      'Cross-Origin-Opener-Policy': 'same-origin',
      'Cache-Control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  });

  server.on('upgrade', (req, socket, head) => {
    const url = parse(req.url);
    if (!url) return refuse(socket, 400, 'Bad Request');
    if (url.pathname !== '/ws') return refuse(socket, 404, 'Not Found');
    if (!allowedHosts.has(req.headers.host ?? '')) return refuse(socket, 421, 'Misdirected Request');
    if (req.headers.origin !== origin) {
      log(`refused a WebSocket from origin ${String(req.headers.origin ?? '(none)').slice(0, 100)}`);
      return refuse(socket, 403, 'Forbidden');
    }
    if (!sameSecret(url.searchParams.get('k'), secret)) {
      log('refused a WebSocket without the launch secret');
      return refuse(socket, 401, 'Unauthorized');
    }
    const admitted = generation;
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, admitted));
  });

  function send(ws: WebSocket, message: WsServerMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }

  function serve(ws: WebSocket, admitted: number): void {
    // A token bucket for messages, and a count of requests still being answered.
    let tokens = limits.messagesPerSecond;
    let refilledAt = performance.now();
    let pending = 0;
    const logged = new Set<string>();
    const refuse = (id: number | null, code: 'rate_limited' | 'too_many_pending', message: string) => {
      // Once per connection and limit: a flood must not flood the log too.
      if (!logged.has(code)) log(`a connection went over its limit (${code}); its extra messages are refused`);
      logged.add(code);
      send(ws, { type: 'reply', id, ok: false, error: { code, message } });
    };
    ws.on('error', (e) => log(`WebSocket error: ${e.message}`));
    ws.on('message', (data, isBinary) => {
      if (admitted !== generation || ws.readyState !== ws.OPEN) return;
      const now = performance.now();
      tokens = Math.min(limits.messagesPerSecond, tokens + ((now - refilledAt) / 1000) * limits.messagesPerSecond);
      refilledAt = now;
      if (tokens < 1) {
        refuse(
          isBinary ? null : leadingId(data.toString('utf8', 0, 64)),
          'rate_limited',
          `Too many messages: a connection may send at most ${limits.messagesPerSecond} per second. Wait a moment, then try again.`,
        );
        return;
      }
      tokens -= 1;
      if (isBinary) {
        send(ws, { type: 'reply', id: null, ok: false, error: { code: 'bad_message', message: 'Binary messages are not accepted; send JSON text' } });
        return;
      }
      let raw: unknown;
      try {
        raw = JSON.parse(data.toString());
      } catch {
        send(ws, { type: 'reply', id: null, ok: false, error: { code: 'bad_message', message: 'Message is not valid JSON' } });
        return;
      }
      const envelope = WsRequest.safeParse(raw);
      if (!envelope.success) {
        const issues = describeIssues(envelope.error);
        const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : null;
        send(ws, { type: 'reply', id, ok: false, error: { code: 'bad_message', message: `Malformed request: ${issuesToText(issues)}`, issues } });
        return;
      }
      const { id, channel, input } = envelope.data;
      if (pending >= limits.pendingRequests) {
        refuse(
          id,
          'too_many_pending',
          `Too many requests at once: a connection may have at most ${limits.pendingRequests} waiting for a reply. ` +
            'Wait for them to finish, then try again.',
        );
        return;
      }
      pending++;
      void dispatch(options.registry, channel, input, log).then((reply) => {
        pending--;
        send(ws, { type: 'reply', id, ...reply });
      });
    });
  }

  const urlOf = (s: string) => `${origin}/#k=${s}`;

  return {
    port,
    origin,
    get secret() {
      return secret;
    },
    get url() {
      return urlOf(secret);
    },
    rotateSecret() {
      secret = newSecret();
      generation++;
      let closed = 0;
      for (const ws of wss.clients) {
        ws.close(secretChangedClose.code, secretChangedClose.reason);
        closed++;
      }
      log(`the launch secret was changed; ${closed} open page${closed === 1 ? ' was' : 's were'} disconnected`);
      return urlOf(secret);
    },
    broadcast(event, payload) {
      for (const ws of wss.clients) send(ws, { type: 'event', event, payload });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const ws of wss.clients) ws.terminate();
        wss.close();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
