import { unwrapReply } from './reply';
import { TransportError, type ConnectionEnd, type Transport } from './types';

interface Pending {
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

const requestTimeoutMs = 30_000;

/** The close code the browser host sends when its launch secret was changed (main/host/server.ts). */
export const secretChangedCloseCode = 4001;
/** Where hostSocketUrl keeps the secret for reloads. */
const secretKey = 'desk.hostSecret';

/** WebSocket transport to the browser host; reconnects with backoff and fails pending calls clearly when cut. */
export function websocketTransport(url: string): Transport {
  let socket: WebSocket | undefined;
  let nextId = 1;
  let backoff = 250;
  let connected = false;
  let ended: ConnectionEnd | undefined;
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const eventListeners = new Map<string, Set<(p: unknown) => void>>();
  const connectionListeners = new Set<(c: boolean, ended?: ConnectionEnd) => void>();

  const setConnected = (value: boolean) => {
    connected = value;
    for (const l of connectionListeners) l(value, ended);
  };

  function connect(): void {
    const ws = new WebSocket(url);
    socket = ws;
    ws.onopen = () => {
      backoff = 250;
      setConnected(true);
      for (const m of queue.splice(0)) ws.send(m);
    };
    ws.onmessage = (e: MessageEvent<string>) => {
      let msg: { type?: string; id?: number | null; event?: string; payload?: unknown };
      try {
        msg = JSON.parse(e.data) as typeof msg;
      } catch {
        return;
      }
      if (msg.type === 'event' && typeof msg.event === 'string') {
        for (const l of eventListeners.get(msg.event) ?? []) l(msg.payload);
      } else if (msg.type === 'reply' && typeof msg.id === 'number') {
        const p = pending.get(msg.id);
        if (!p) return;
        pending.delete(msg.id);
        clearTimeout(p.timer);
        try {
          p.resolve(unwrapReply(msg));
        } catch (error) {
          p.reject(error as Error);
        }
      }
    };
    ws.onclose = (event: CloseEvent) => {
      // The old secret will never be let in again: stop, forget it, and say what to do.
      if (event.code === secretChangedCloseCode) {
        ended = 'secret_changed';
        try {
          window.sessionStorage.removeItem(secretKey);
        } catch {
          // storage unavailable: nothing kept
        }
      }
      setConnected(false);
      for (const [id, p] of pending) {
        clearTimeout(p.timer);
        p.reject(
          ended
            ? new TransportError('disconnected', 'Ambassador Desk’s access key was changed; open the new address the host printed')
            : new TransportError('disconnected', 'Lost the connection to Ambassador Desk; please try again'),
        );
        pending.delete(id);
      }
      if (ended) {
        reloadOnNewAddress();
        return;
      }
      setTimeout(connect, backoff);
      backoff = Math.min(backoff * 2, 5000);
    };
  }
  connect();

  return {
    kind: 'websocket',
    invoke(channel, input) {
      const id = nextId++;
      const text = JSON.stringify({ id, channel, input });
      return new Promise((resolve, reject) => {
        if (ended) {
          reject(new TransportError('disconnected', 'Ambassador Desk’s access key was changed; open the new address the host printed'));
          return;
        }
        const timer = setTimeout(() => {
          pending.delete(id);
          // Never send it later: the agent was told it failed.
          const queued = queue.indexOf(text);
          if (queued >= 0) queue.splice(queued, 1);
          reject(new TransportError('timeout', `${channel} did not answer in time`));
        }, requestTimeoutMs);
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject, timer });
        if (connected && socket?.readyState === WebSocket.OPEN) socket.send(text);
        else queue.push(text);
      });
    },
    on(event, listener) {
      const set = eventListeners.get(event) ?? new Set();
      set.add(listener as (p: unknown) => void);
      eventListeners.set(event, set);
      return () => set.delete(listener as (p: unknown) => void);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      listener(connected, ended);
      return () => connectionListeners.delete(listener);
    },
  };
}

/**
 * A new address pasted into this tab differs from the old one only after '#', which does not load the page again:
 * load it, so that the new key is read.
 */
export function reloadOnNewAddress(): void {
  window.addEventListener('hashchange', () => {
    if (new URLSearchParams(window.location.hash.replace(/^#/, '')).get('k')) window.location.reload();
  });
}

/** The host puts its per-launch secret in the URL fragment; keep it for reloads, then take it out of the address bar. */
export function hostSocketUrl(location: Location, storage: Storage, history: History): string | undefined {
  const fromHash = new URLSearchParams(location.hash.replace(/^#/, '')).get('k');
  if (fromHash) {
    storage.setItem(secretKey, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
  }
  const secret = fromHash ?? storage.getItem(secretKey);
  if (!secret) return undefined;
  return `ws://${location.host}/ws?k=${encodeURIComponent(secret)}`;
}
