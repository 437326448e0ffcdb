// Security policy shared by the Electron shell and the browser host. Plain functions, no Electron.

/** The app's own origin in Electron (a privileged standard scheme serving the built renderer). */
export const appScheme = 'app';
export const appHost = 'desk';
export const appOrigin = `${appScheme}://${appHost}`;

/**
 * Where @twilio/voice-sdk signals: `wss://voice-js.<edge>.twilio.com/signal`, and the app leaves the edge at
 * its default ('roaming'). Insights (eventgw) stays off and the sounds are the app's own, so nothing else of
 * Twilio's is reached from the page.
 */
export const twilioSignalingOrigin = 'wss://voice-js.roaming.twilio.com';

/** Strict CSP for the renderer. `connect` lists the extra origins the page may talk to (the host's WebSocket). */
export function contentSecurityPolicy(connect: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "media-src 'self' blob:",
    `connect-src 'self' ${[...connect, twilioSignalingOrigin].join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

/** True when url belongs to the app itself (same scheme, host and port). */
export function isAppUrl(url: string, origin: string = appOrigin): boolean {
  try {
    // URL.origin is the string "null" for non-special schemes such as app:, so compare the parts.
    const a = new URL(url);
    const b = new URL(origin);
    return a.protocol === b.protocol && a.host === b.host && a.host !== '';
  } catch {
    return false;
  }
}

/** Only the microphone, only for the app's own origin. */
export function isPermissionAllowed(permission: string, requestingUrl: string, mediaTypes: readonly string[] | undefined, origin: string = appOrigin): boolean {
  if (!isAppUrl(requestingUrl, origin)) return false;
  // Copying a script step to the clipboard; reading the clipboard stays refused.
  if (permission === 'clipboard-sanitized-write') return true;
  if (permission !== 'media') return false;
  return (mediaTypes ?? []).length > 0 && (mediaTypes ?? []).every((t) => t === 'audio');
}
