/**
 * An error whose message is written for the agent: plain words, safe to show as it is. Main's dispatch passes its
 * message through; any other error is ours to look into, and reaches the agent as `internalErrorMessage` with an id
 * that ties it to the details in the log.
 */
export class AgentReadableError extends Error {
  readonly agentReadable = true;
}

/**
 * Whether an error's message may be shown to the agent as it is. The mark is a plain field, so an error rebuilt on
 * this side of a worker's message (the database worker's) keeps it.
 */
export function isAgentReadable(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { agentReadable?: unknown }).agentReadable === true;
}

/** What the agent is told about a failure that is not theirs to fix (the details are in the log under the id). */
export function internalErrorMessage(errorId: string): string {
  return `Something went wrong (error id ${errorId}). Try again; if it happens again, give this id to your support team.`;
}
