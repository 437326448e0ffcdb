import { expect, type Page } from '@playwright/test';

/** The softphone strip at the top of the desk. */
export const softphone = (page: Page) => page.getByRole('region', { name: 'Softphone' });
/** Its call status line. */
export const callStatus = (page: Page) => softphone(page).getByRole('status').first();

/** Picks a training scenario (under "More…" when the strip keeps it there), rings the desk, and returns the number. */
export async function simulateTrainingCall(page: Page, scenario: string): Promise<string> {
  const bar = softphone(page);
  await expect(bar.getByText('TRAINING', { exact: true })).toBeVisible();
  await expect(callStatus(page)).toContainText('Available');
  const choice = bar.getByLabel('Training scenario');
  if (!(await choice.isVisible())) await bar.getByRole('button', { name: 'More…' }).click();
  await choice.selectOption(scenario);
  await bar.getByRole('button', { name: 'Simulate a call' }).click();
  await expect(callStatus(page)).toContainText('Ringing');
  return (await callStatus(page).textContent())!.match(/\+\d{8,15}/)![0];
}

/** Runs a training-only action kept under "More…" (e.g. "Caller hangs up (training)"). */
export async function moreAction(page: Page, name: string): Promise<void> {
  const bar = softphone(page);
  const action = bar.getByRole('button', { name });
  if (!(await action.isVisible())) await bar.getByRole('button', { name: 'More…' }).click();
  await action.click();
}
