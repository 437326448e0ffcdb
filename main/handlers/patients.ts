import { contract } from '../../preload/contract';
import type { PatientsService } from '../services/patients/service';
import { handlersFor } from './registry';

export const patientsHandlers = (deps: { patients: PatientsService }) =>
  handlersFor(contract.patients, {
    search: ({ text, limit }) => deps.patients.search(text, limit),
    byPhone: ({ phone }) => deps.patients.matchCaller(phone),
  });
