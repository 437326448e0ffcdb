import { describe, expect, it } from 'vitest';
import type { Script } from '../../preload/contract';
import { codeChecks, codeCheckedItems } from '../support/clear-communication';
import { buildFor, quantityObservation } from '../support/script-scenarios';

/** A script in the shape the desk produced before issue 11: verdict last, units read out, teach-back before next steps. */
function oldStyle(): Script {
  const say = (text: string) => ({ text, say: true });
  const s = buildFor(quantityObservation('2823-3', 7.4, 'mmol/L'), { language: 'en' });
  return {
    ...s,
    steps: [
      { id: 'verify', lines: [say('To keep your health facts private, I need to check who I am talking with. What is your date of birth?')] },
      { id: 'context', lines: [say('I can help you with your Potassium result from November 3, 2026.')] },
      { id: 'explain', lines: [say('A nurse should go over this result with you today. I can connect you with a nurse right now. Is that okay?')] },
      { id: 'teach-back', lines: [say('Just to be sure, can you tell me what we will do next?')] },
      { id: 'next-steps', lines: [say('Your result was 7.4 mmol/L. If you feel much worse before you talk with the nurse, call 911.')] },
      { id: 'close', lines: [say('Is there anything else I can help you with today? Thank you for calling.')] },
    ],
  };
}

describe('the CDC Clear Communication checks made by code', () => {
  it('fail a script in the old shape, naming each item', () => {
    const failed = codeCheckedItems(oldStyle()).failed.map((c) => c.item);
    expect(failed).toEqual(
      expect.arrayContaining([
        'identity: the read-aloud line asks for both identifiers',
        '#2 main message first in the explanation',
        'teach-back comes after the next step it checks',
        '#5 one call to action, first in the next steps',
        '#7 no symbol or unit a listener cannot hear',
        'teach-back: burden on the agent, own words, open question',
        'teach-back: another way to explain when the answer misses',
        'critical: ends at the transfer, never "anything else?"',
        'critical: a line for a patient who cannot stay on (booked, and when)',
      ]),
    );
    expect(codeCheckedItems(oldStyle()).score).toBeLessThan(40);
  });

  it('pass the script the engine builds for the same result, in both languages', () => {
    for (const language of ['en', 'es'] as const) {
      const s = buildFor(quantityObservation('2823-3', 7.4, 'mmol/L'), { language });
      expect(codeChecks(s).length).toBeGreaterThanOrEqual(10);
      expect(codeCheckedItems(s)).toEqual({ score: 100, failed: [] });
    }
  });
});
