import type { TrainingCall } from '../../../preload/contract';
import type { DbClient } from '../db/client';

type Scenario = TrainingCall['scenario'];

/** The desk's number in training: a reserved 555 number, never dialled. */
export const trainingDeskNumber = '+15555550100';

const prompts: Record<Scenario, Record<'en' | 'es', string>> = {
  'lab-result': {
    en: 'Hi, I got a message that my lab results are ready. Can you tell me what they mean?',
    es: 'Hola, me avisaron que mis resultados del laboratorio están listos. ¿Me puede decir qué significan?',
  },
  bill: {
    en: 'Hello, I got a statement from my insurance and I do not understand what I owe.',
    es: 'Hola, recibí una nota de mi seguro y no entiendo cuánto debo.',
  },
  appointment: {
    en: 'Hi, I need to change my appointment. Can you help me?',
    es: 'Hola, necesito cambiar mi cita. ¿Me puede ayudar?',
  },
  'unknown-caller': {
    en: 'Hi, I am calling for my mother. She had some tests done last week.',
    es: 'Hola, llamo por mi mamá. Le hicieron unos análisis la semana pasada.',
  },
  'wrong-number': {
    en: 'Hello? Is this the pizza place on Main Street?',
    es: '¿Hola? ¿Es la pizzería de la calle principal?',
  },
};

export const scenarios = Object.keys(prompts) as Scenario[];

export interface TrainingService {
  call(scenario?: Scenario): Promise<TrainingCall>;
}

/** Simulated callers for training mode: real patients' numbers from the cache, or strangers' numbers that match nobody. */
export function createTrainingService(db: DbClient, random: () => number = Math.random): TrainingService {
  const strangerNumber = async (): Promise<string> => {
    for (let i = 0; i < 20; i++) {
      const candidate = `+1555555${String(Math.floor(random() * 9000) + 1000)}`;
      if (!(await db.call('training.numberKnown', { e164: candidate }))) return candidate;
    }
    return '+15555550199';
  };
  return {
    call: async (asked) => {
      const scenario = asked ?? scenarios[Math.floor(random() * scenarios.length)]!;
      const stranger = scenario === 'unknown-caller' || scenario === 'wrong-number';
      const kind = scenario === 'lab-result' ? 'result' : scenario === 'bill' ? 'eob' : null;
      const caller = stranger ? null : await db.call('training.caller', { pick: random(), kind });
      const language = caller?.language === 'es' ? 'es' : 'en';
      return {
        scenario,
        from: caller?.e164 ?? (await strangerNumber()),
        to: trainingDeskNumber,
        language,
        prompt: prompts[scenario][language],
      };
    },
  };
}
