import { expect, test, type Page } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { connectWs, importDemoPatients, spawnHost, type RunningHost } from '../support/host';
import { callStatus, simulateTrainingCall, softphone } from '../support/softphone';

// README: steps of a script can be copied; wrap-up records a callback promise (when, which number, why), saved at once
// on the contact. One patient in the cache, so every simulated call is theirs and the next call shows the promise.

let host: RunningHost;
let dataDir: string;

test.use({ permissions: ['microphone', 'clipboard-read', 'clipboard-write'] });

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-callback-'));
  importDemoPatients(dataDir, { seed: 7, patients: 1 });
  host = await spawnHost(dataDir);
});

test.afterAll(async () => {
  await host?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

/** The script requests the page sends over its WebSocket (patient and source), as the host receives them. */
function watchScriptRequests(page: Page): () => Array<{ patientId: string; source: { type: string; id: string } }> {
  const seen: Array<{ patientId: string; source: { type: string; id: string } }> = [];
  page.on('websocket', (socket) =>
    socket.on('framesent', (f) => {
      const m = JSON.parse(String(f.payload)) as { channel?: string; input?: { patientId: string; source: { type: string; id: string } } };
      if (m.channel === 'scripts.build' && m.input) seen.push(m.input);
    }),
  );
  return () => seen;
}

async function answerAndVerify(page: Page) {
  await softphone(page).getByRole('button', { name: 'Answer' }).click();
  await expect(callStatus(page)).toContainText('On call');
  const pop = page.getByRole('region', { name: 'Caller' });
  await pop.getByLabel('Date of birth').check();
  await pop.getByLabel('Full name').check();
  await pop.getByRole('button', { name: 'Identity verified' }).click();
  await expect(pop.getByText('Identity verified with 2 identifiers.')).toBeVisible();
  return pop;
}

test('a step’s words are copied as the agent says them; a callback promise is saved at once and shown on the next call', async ({ page }) => {
  const scriptRequests = watchScriptRequests(page);
  await page.goto(host.url);
  const number = await simulateTrainingCall(page, 'lab-result');
  await answerAndVerify(page);

  // Open a result; copy the words of its "Explain" step.
  const timeline = page.getByRole('region', { name: 'Timeline' });
  await timeline.getByRole('button', { name: 'Results' }).click();
  await timeline.getByRole('option').first().click();
  const panel = page.getByRole('region', { name: 'Explanation script' });
  await expect(panel.getByRole('checkbox')).toHaveCount(6);
  await panel.getByRole('button', { name: 'Copy the words of step “Explain”' }).click();
  await expect(panel.getByRole('button', { name: 'Copy the words of step “Explain”' })).toHaveText('Copied');
  const copied = await page.evaluate(() => navigator.clipboard.readText());

  // What the host says that step holds: its spoken lines, without the agent's directions or the alternative wording.
  await expect.poll(() => scriptRequests().length).toBeGreaterThan(0);
  const request = scriptRequests().at(-1)!;
  const ws = await connectWs(host);
  try {
    const script = (await ws.request('scripts.build', request)).value as { steps: { id: string; lines: { say: boolean; when?: string; text: string }[] }[] };
    const explain = script.steps.find((s) => s.id === 'explain')!;
    const spoken = explain.lines.filter((l) => l.say && !l.when).map((l) => l.text);
    expect(spoken.length).toBeGreaterThan(0);
    expect(copied).toBe(spoken.join(' '));
    for (const direction of explain.lines.filter((l) => !l.say)) expect(copied).not.toContain(direction.text);

    // Wrap-up with a callback promise: the number defaults to the caller's.
    await softphone(page).getByRole('button', { name: 'Hang up' }).click();
    await expect(callStatus(page)).toContainText('Wrap-up');
    const wrapUp = page.getByRole('region', { name: 'Wrap-up' });
    await wrapUp.getByLabel('Disposition').selectOption('callback-promised');
    await wrapUp.getByLabel('Promise a callback').check();
    await expect(wrapUp.getByLabel('Number', { exact: true })).toHaveValue(number);
    await wrapUp.getByLabel('When', { exact: true }).fill('2030-01-15T09:30');
    await wrapUp.getByLabel('Why', { exact: true }).fill('Go over the result with the nurse');
    await expect(wrapUp.getByText('Saved to the contact')).toBeVisible();

    // Saved at once, before wrap-up is finished: the contact holds the promise as typed.
    await expect
      .poll(async () => ((await ws.request('contacts.recent', { patientId: request.patientId, limit: 1 })).value as { callback: unknown }[])[0]?.callback)
      .toEqual({ due: '2030-01-15T09:30:00', number, reason: 'Go over the result with the nurse' });
    await wrapUp.getByRole('button', { name: 'Finish wrap-up' }).click();
    await expect(callStatus(page)).toContainText('Available');

    // The same patient calls again: the screen-pop lists the open callback; why, only once identity is verified.
    await simulateTrainingCall(page, 'lab-result');
    const pop = page.getByRole('region', { name: 'Caller' });
    await expect(pop).toContainText('2030-01-15 09:30');
    await expect(pop).not.toContainText('Go over the result with the nurse');
    await answerAndVerify(page);
    await expect(pop).toContainText('2030-01-15 09:30 — Go over the result with the nurse');
  } finally {
    ws.close();
  }
});
