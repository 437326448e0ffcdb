import type { QualityWarning } from '../types';

/**
 * SDK warning names (call.ts WARNING_PREFIXES + WARNING_NAMES / MULTIPLE_THRESHOLD_WARNING_NAMES, statsMonitor.ts
 * thresholds, and the media handler's 'ice-connectivity-lost') to the desk's quality warnings. Several SDK warnings
 * fold into one desk warning; anything not listed (e.g. 'constant-audio-output-level', never emitted) is ignored.
 */
export const sdkWarningToQuality: Readonly<Record<string, QualityWarning>> = {
  'high-rtt': 'high-rtt',
  'high-packet-loss': 'packet-loss',
  'high-packets-lost-fraction': 'packet-loss',
  // Nothing arrives from the other side, or the media path is down: the audio is lost, not just late.
  'low-bytes-received': 'packet-loss',
  'ice-connectivity-lost': 'packet-loss',
  'high-jitter': 'jitter',
  'low-mos': 'low-mos',
  // Nothing leaves this desk: the microphone's audio is not getting out.
  'low-bytes-sent': 'low-audio-input',
  'constant-audio-input-level': 'constant-audio-input',
};

const qualityOrder: readonly QualityWarning[] = ['high-rtt', 'packet-loss', 'jitter', 'low-mos', 'low-audio-input', 'constant-audio-input'];

/** The desk's warnings for the SDK warnings currently raised, each once, in a fixed order. */
export function qualityOf(sdkWarnings: Iterable<string>): QualityWarning[] {
  const present = new Set([...sdkWarnings].map((w) => sdkWarningToQuality[w]).filter((q) => q !== undefined));
  return qualityOrder.filter((q) => present.has(q));
}

export const sameQuality = (a: readonly QualityWarning[], b: readonly QualityWarning[]) => a.length === b.length && a.every((q, i) => q === b[i]);
