import { z } from 'zod';
import { channel } from './channel';

export const trainingScenarios = ['lab-result', 'bill', 'appointment', 'unknown-caller', 'wrong-number'] as const;
export const TrainingScenarioSchema = z.enum(trainingScenarios);

/** A simulated incoming call: a patient from the local cache (their real number) or a stranger, with what they say. */
export const TrainingCall = z.object({
  scenario: TrainingScenarioSchema,
  /** The caller's number, E.164. */
  from: z.string(),
  /** The desk's own (training) number. */
  to: z.string(),
  /** The caller's language, for the spoken prompt. */
  language: z.enum(['en', 'es']),
  /** What the simulated caller says when the agent answers. */
  prompt: z.string(),
});
export type TrainingCall = z.infer<typeof TrainingCall>;

export const trainingChannels = {
  /** Picks a caller for a simulated call (a random scenario when none is asked for). */
  call: channel('training.call', z.object({ scenario: TrainingScenarioSchema.optional() }).strict(), TrainingCall),
};
