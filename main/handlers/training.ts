import { contract } from '../../preload/contract';
import type { TrainingService } from '../services/training/service';
import { handlersFor } from './registry';

export const trainingHandlers = (deps: { training: TrainingService }) =>
  handlersFor(contract.training, {
    call: ({ scenario }) => deps.training.call(scenario),
  });
