/**
 * A telephony failure written for the agent: what went wrong, with which endpoint (by host), and what did not happen.
 * `userFacing` lets the handler registry pass the message to the renderer as is (see main/handlers/registry.ts);
 * messages never contain a token, an answer's body or an endpoint's path.
 */
export class TelephonyError extends Error {
  override readonly name = 'TelephonyError';
  readonly userFacing = true;
  constructor(
    readonly code:
      | 'not_configured'
      | 'unknown_target'
      | 'unreachable'
      | 'timeout'
      | 'refused'
      | 'http_status'
      | 'not_json'
      | 'invalid_reply'
      | 'expired'
      | 'malformed_jwt',
    message: string,
  ) {
    super(message);
  }
}
