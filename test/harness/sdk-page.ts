import type { Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { socketFromRoute, type TwilioGateway } from './twilio-gateway';
import { wav } from '../../scripts/make-sounds.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const pageDir = path.join(here, 'sdk-page');
const repoRoot = path.resolve(here, '..', '..');
export const sdkBundlePath = path.join(repoRoot, 'node_modules', '@twilio', 'voice-sdk', 'dist', 'twilio.min.js');

/** The harness page's origin: https, so a secure context (getUserMedia); served by page.route, never resolved. */
export const SDK_PAGE_ORIGIN = 'https://sdk-harness.test';

/** 10 ms of silence, 8 kHz 16-bit mono PCM: every one of the SDK's 15 sounds. */
export function silentWav(samples = 80): Buffer {
  return wav(new Float64Array(samples), 8000);
}

/** Typed view of `window.sdk` (test/harness/sdk-page/driver.js). */
export interface SdkDriver {
  events: string[];
  soundNames: string[];
  createDevice(token: string, options?: Record<string, unknown>): boolean;
  register(): Promise<string>;
  unregister(): Promise<string>;
  connect(params?: Record<string, string>): Promise<boolean>;
  acceptIncoming(): void;
  rejectIncoming(): void;
  hangup(): void;
  sendDigits(digits: string): void;
  mute(shouldMute: boolean): void;
  isMuted(): boolean | null;
  /** Test hook: the SDK's own ICE restart (private `_mediaHandler.iceRestart()`), which sends a `reinvite`. */
  iceRestart(): void;
  callStatus(): string | null;
  callSid(): string | null;
  incomingParameters(): Record<string, string> | null;
  deviceState(): string | null;
  identity(): string | null;
  destroy(): void;
}

declare global {
  interface Window {
    sdk: SdkDriver;
    Twilio?: unknown;
  }
}

export interface SdkPage {
  /** Requests that left the page for anything other than the harness origin and the routed gateway. */
  strayRequests: string[];
  /** Sound files the SDK fetched. */
  soundRequests: string[];
  events(): Promise<string[]>;
}

/**
 * Serves the harness page, the SDK's browser bundle and 15 silent sounds from SDK_PAGE_ORIGIN, routes every
 * `wss://…/signal` to `gateway` (each new socket is attached: reconnects land on the same gateway), and opens
 * the page. Nothing reaches the network.
 */
export async function openSdkPage(page: Page, gateway: TwilioGateway): Promise<SdkPage> {
  const strayRequests: string[] = [];
  const soundRequests: string[] = [];
  const wav = silentWav();
  await page.routeWebSocket(/\/signal$/, (ws) => gateway.attach(socketFromRoute(ws)));
  await page.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== SDK_PAGE_ORIGIN) {
      strayRequests.push(url.href);
      await route.abort();
      return;
    }
    if (url.pathname === '/' || url.pathname === '/index.html') {
      await route.fulfill({ contentType: 'text/html', body: fs.readFileSync(path.join(pageDir, 'index.html')) });
    } else if (url.pathname === '/driver.js') {
      await route.fulfill({ contentType: 'text/javascript', body: fs.readFileSync(path.join(pageDir, 'driver.js')) });
    } else if (url.pathname === '/twilio.min.js') {
      await route.fulfill({ contentType: 'text/javascript', body: fs.readFileSync(sdkBundlePath) });
    } else if (url.pathname.startsWith('/sounds/')) {
      soundRequests.push(url.pathname);
      await route.fulfill({ contentType: 'audio/wav', body: wav });
    } else {
      await route.fulfill({ status: 404, body: 'not found' });
    }
  });
  await page.goto(`${SDK_PAGE_ORIGIN}/`);
  await page.waitForFunction(() => typeof window.sdk === 'object' && typeof window.Twilio === 'object');
  return { strayRequests, soundRequests, events: () => page.evaluate(() => [...window.sdk.events]) };
}
