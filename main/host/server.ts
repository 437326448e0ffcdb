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
}

export interface Host {
  readonly port: number;
  readonly origin: string;
  /** The URL to open: carries the per-launch secret in the fragment, so it never reaches a server log. */
  readonly url: string;
  readonly secret: string;
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

/** Serves the built renderer and the contract over a WebSocket, on 127.0.0.1 only. */
export async function startHost(options: HostOptions): Promise<Host> {
  const log = options.log ?? (() => {});
  const secret = crypto.randomBytes(24).toString('base64url');
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
    const file = readStatic(options.rendererDir, url.pathname);
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
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws));
  });

  function send(ws: WebSocket, message: WsServerMessage): void {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  }

  function serve(ws: WebSocket): void {
    ws.on('error', (e) => log(`WebSocket error: ${e.message}`));
    ws.on('message', (data, isBinary) => {
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
      void dispatch(options.registry, channel, input, log).then((reply) => send(ws, { type: 'reply', id, ...reply }));
    });
  }

  return {
    port,
    origin,
    secret,
    url: `${origin}/#k=${secret}`,
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
