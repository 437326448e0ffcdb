/** The sentence to show for a failed request (a RequestError from the transport, or a serialized thrown error). */
export const messageOf = (error: unknown, fallback: string): string => {
  const message = typeof error === 'object' && error !== null && 'message' in error ? (error as { message: unknown }).message : null;
  return typeof message === 'string' && message ? message : fallback;
};
