import type { LaunchOptions } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import config from '../../playwright.config';
import { toneWav } from './media-peer';

/** The e2e project's Chromium flags (playwright.config.ts). */
export const e2eChromiumArgs: readonly string[] = config.projects?.find((p) => p.name === 'e2e')?.use?.launchOptions?.args ?? [];

const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Launch options whose fake microphone is a continuous tone at `hz` (a WAV that Chromium loops; 10 s of a whole
 * number of cycles, so no click). The module is loaded by the runner and by each worker, maybe by concurrent runs:
 * one fixed file per frequency, replaced atomically, never removed.
 */
export function toneMicrophone(hz: number): LaunchOptions {
  const wav = path.join(os.tmpdir(), `desk-agent-${hz}hz.wav`);
  fs.writeFileSync(`${wav}.${process.pid}`, toneWav(hz, 10));
  fs.renameSync(`${wav}.${process.pid}`, wav);
  return { executablePath, args: [...e2eChromiumArgs, `--use-file-for-fake-audio-capture=${wav}`] };
}

/** Launch options of a Chromium that refuses the microphone, as when the agent or a policy blocked it. */
export function blockedMicrophone(): LaunchOptions {
  const args = e2eChromiumArgs.map((a) => (a === '--use-fake-ui-for-media-stream' ? '--use-fake-ui-for-media-stream=deny' : a));
  return { executablePath, args };
}
