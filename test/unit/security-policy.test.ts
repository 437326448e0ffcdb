import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStatic } from '../../main/host/static';
import { appOrigin, contentSecurityPolicy, isAppUrl, isPermissionAllowed } from '../../main/security';
import { tempDir } from '../support/tmp';

describe('security policy', () => {
  it('has a CSP with no inline or eval script and nothing allowed by default', () => {
    const csp = contentSecurityPolicy(['ws://127.0.0.1:4000']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    // The host's WebSocket, and Twilio's signaling edge for the softphone (exact host, no wildcard).
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:4000 wss://voice-js.roaming.twilio.com;");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
  });

  it('grants only the microphone, only to the app itself', () => {
    expect(isPermissionAllowed('media', `${appOrigin}/index.html`, ['audio'])).toBe(true);
    expect(isPermissionAllowed('media', `${appOrigin}/index.html`, ['audio', 'video'])).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', `${appOrigin}/index.html`, undefined)).toBe(true);
    expect(isPermissionAllowed('clipboard-read', `${appOrigin}/index.html`, undefined)).toBe(false);
    expect(isPermissionAllowed('clipboard-sanitized-write', 'https://evil.example/', undefined)).toBe(false);
    expect(isPermissionAllowed('media', `${appOrigin}/index.html`, ['video'])).toBe(false);
    expect(isPermissionAllowed('media', `${appOrigin}/index.html`, undefined)).toBe(false);
    expect(isPermissionAllowed('geolocation', `${appOrigin}/index.html`, undefined)).toBe(false);
    expect(isPermissionAllowed('notifications', `${appOrigin}/`, undefined)).toBe(false);
    expect(isPermissionAllowed('media', 'https://evil.example/', ['audio'])).toBe(false);
    expect(isPermissionAllowed('media', 'app://desk.evil/', ['audio'])).toBe(false);
  });

  it('recognises only the app origin as the app', () => {
    expect(isAppUrl('app://desk/index.html')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('https://desk/')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('static files of the renderer', () => {
  it('serves files inside the renderer folder and nothing outside it', () => {
    const root = tempDir();
    const renderer = path.join(root, 'renderer');
    fs.mkdirSync(renderer);
    fs.writeFileSync(path.join(renderer, 'index.html'), '<p>desk</p>');
    fs.writeFileSync(path.join(root, 'secret.txt'), 'key');
    expect(readStatic(renderer, '/')?.body.toString()).toBe('<p>desk</p>');
    expect(readStatic(renderer, '/index.html')?.contentType).toMatch(/text\/html/);
    for (const attack of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/index.html%00.png', '/%E0%A4%A', '/missing.js']) {
      expect(readStatic(renderer, attack), attack).toBeUndefined();
    }
  });
});
