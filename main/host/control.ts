// Talking to a running browser host through its data folder: `--rotate-secret` asks it for a new launch secret.
// The folder is the user's own (0700) and already holds the database key, so whoever can write here owns the desk
// anyway; nothing else can reach this channel.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

export function controlDir(dataDir: string): string {
  return path.join(dataDir, 'host-control');
}

const requestName = 'rotate-secret.request';
const answerName = (nonce: string) => `rotate-secret.${nonce}.answer`;
const nonceShape = /^[0-9a-f]{32}$/;

/** How often the host looks for a request (a stat of one file). */
export const controlPollMs = 200;

/**
 * The host's side: watches for a rotation request, rotates (the callback returns the new URL) and answers with the
 * URL in a file only this user can read. Returns a function that stops watching.
 */
export function watchSecretRotation(dataDir: string, rotate: () => string, log: (line: string) => void): () => void {
  const dir = controlDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const request = path.join(dir, requestName);
  // A request left from before this start is stale: this launch's secret is new anyway.
  fs.rmSync(request, { force: true });
  const check = () => {
    let nonce: string;
    try {
      nonce = fs.readFileSync(request, 'utf8').trim();
    } catch {
      return;
    }
    fs.rmSync(request, { force: true });
    if (!nonceShape.test(nonce)) {
      log('ignored a malformed request to change the launch secret');
      return;
    }
    const url = rotate();
    try {
      fs.writeFileSync(path.join(dir, answerName(nonce)), `${url}\n`, { mode: 0o600, flag: 'wx' });
    } catch (error) {
      log(`the launch secret was changed but the new address could not be handed back (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  };
  fs.watchFile(request, { interval: controlPollMs, persistent: false }, check);
  return () => fs.unwatchFile(request, check);
}

export class NoHostAnswered extends Error {}

/**
 * The command's side: asks the host running on `dataDir` to change its launch secret and resolves with the new URL.
 * Rejects with NoHostAnswered when no host answers in time (none is running on that data folder).
 */
export async function requestSecretRotation(dataDir: string, timeoutMs = 5000): Promise<string> {
  const dir = controlDir(dataDir);
  if (!fs.existsSync(dir)) throw new NoHostAnswered(`No browser host has run with the data folder ${dataDir}.`);
  const nonce = crypto.randomBytes(16).toString('hex');
  const request = path.join(dir, requestName);
  const answer = path.join(dir, answerName(nonce));
  // Written whole, then renamed into place: the host never reads half a request.
  const pendingFile = `${request}.${nonce}`;
  fs.writeFileSync(pendingFile, nonce, { mode: 0o600 });
  fs.renameSync(pendingFile, request);
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      let text: string;
      try {
        text = fs.readFileSync(answer, 'utf8');
      } catch {
        continue;
      }
      // The host writes the URL and a newline at once; without the newline it is still being written.
      if (!text.endsWith('\n')) continue;
      fs.rmSync(answer, { force: true });
      return text.trim();
    }
  } finally {
    // Unanswered: take the request back, so a host started later does not act on it.
    if (fs.existsSync(answer)) fs.rmSync(answer, { force: true });
  }
  try {
    if (fs.readFileSync(request, 'utf8').trim() === nonce) fs.rmSync(request, { force: true });
  } catch {
    // already taken
  }
  throw new NoHostAnswered(`No browser host answered on the data folder ${dataDir} within ${Math.round(timeoutMs / 1000)} s; is it running?`);
}
