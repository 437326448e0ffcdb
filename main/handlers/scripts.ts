import { contract } from '../../preload/contract';
import type { ScriptsService } from '../services/scripts/service';
import { handlersFor } from './registry';

/** A missing knowledge pack or a deceased patient is an AgentReadableError: its message reaches the agent as is. */
export const scriptsHandlers = (deps: { scripts: ScriptsService }) =>
  handlersFor(contract.scripts, {
    build: (req) => deps.scripts.build(req),
  });
