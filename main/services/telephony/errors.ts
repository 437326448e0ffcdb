import { AgentReadableError } from '../../../preload/contract';

/**
 * A telephony failure written for the agent: what went wrong, with which endpoint (by host), and what did not happen.
 * Agent-readable: the handler registry passes the message to the renderer as is (see main/handlers/registry.ts);
 * messages never contain a token, an answer's body or an endpoint's path.
 */
export class TelephonyError extends AgentReadableError {
  override readonly name = 'TelephonyError';
  constructor(
    readonly code:
      'not_configured' | 'unknown_target' | 'unreachable' | 'timeout' | 'refused' | 'http_status' | 'not_json' | 'invalid_reply' | 'expired' | 'malformed_jwt',
    message: string,
  ) {
    super(message);
  }
}
