import { describe, expect, it } from 'vitest';
import { hostSocketUrl } from '../../renderer/app/transport/websocket';

function fakeWindow(href: string) {
  const url = new URL(href);
  const store = new Map<string, string>();
  const location = { hash: url.hash, host: url.host, pathname: url.pathname, search: url.search } as Location;
  let replaced: string | undefined;
  const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) } as Storage;
  const history = { replaceState: (_s: unknown, _t: string, u: string) => void (replaced = u) } as History;
  return { location, storage, history, replaced: () => replaced };
}

describe('browser host address', () => {
  it('takes the launch secret from the fragment, keeps it for reloads and clears it from the address bar', () => {
    const w = fakeWindow('http://127.0.0.1:5555/#k=abc_DEF-123');
    expect(hostSocketUrl(w.location, w.storage, w.history)).toBe('ws://127.0.0.1:5555/ws?k=abc_DEF-123');
    expect(w.replaced()).toBe('/');
    const reload = { ...w.location, hash: '' } as Location;
    expect(hostSocketUrl(reload, w.storage, w.history)).toBe('ws://127.0.0.1:5555/ws?k=abc_DEF-123');
  });

  it('has no address without a secret', () => {
    const w = fakeWindow('http://127.0.0.1:5555/');
    expect(hostSocketUrl(w.location, w.storage, w.history)).toBeUndefined();
  });
});
