import { TelephonyError } from './errors';

/** The organisation's three endpoints, named the way the agent sees them in messages. */
export type EndpointKind = 'token' | 'hold' | 'transfer';

export interface PostOptions {
  fetch: typeof fetch;
  timeoutMs: number;
  /** What did not happen because of the failure, appended to every message ("The call was not put on hold."). */
  consequence: string;
}

export interface Answer {
  status: number;
  /** The media type of the answer, e.g. "application/json" (parameters dropped), or "" when none was given. */
  contentType: string;
  text: string;
}

/** Answers are small JSON documents; anything past this is not a token and is not read. */
export const maxAnswerBytes = 64 * 1024;

/**
 * POSTs a JSON body to one of the organisation's endpoints and reads the answer, with one deadline for the whole
 * exchange. Every failure becomes a TelephonyError in plain words naming the endpoint and its host (never the path,
 * which could carry a key, and never the answer's body). Redirects are not followed: the configured address was
 * checked to be https (or this computer), and a redirect could lead anywhere.
 */
export async function postJson(kind: EndpointKind, address: string, body: unknown, options: PostOptions): Promise<Answer> {
  const url = new URL(address);
  const where = `the ${kind} endpoint at ${url.host}`;
  const fail = (code: TelephonyError['code'], problem: string): never => {
    throw new TelephonyError(code, `${capitalise(problem)}. ${options.consequence}`);
  };

  const controller = new AbortController();
  const timedOut = new Error('timed out');
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort(timedOut);
      reject(timedOut);
    }, options.timeoutMs);
  });
  deadline.catch(() => {});

  try {
    const exchange = async (): Promise<Answer> => {
      const response = await options.fetch(url, {
        method: 'POST',
        headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
        body: JSON.stringify(body),
        redirect: 'manual',
        signal: controller.signal,
      });
      const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
      return { status: response.status, contentType, text: await readLimited(response, () => controller.abort()) };
    };
    const answer = await Promise.race([exchange(), deadline]);
    if (answer.status === 401 || answer.status === 403) {
      fail('refused', `the ${kind} endpoint refused this workstation (HTTP ${answer.status}); ask your telephony administrator to allow it`);
    }
    if (answer.status >= 300 && answer.status < 400) {
      fail('http_status', `${where} answered with a redirect (HTTP ${answer.status}), which is not followed; put the final address in Settings → Telephony`);
    }
    if (answer.status < 200 || answer.status >= 300) {
      fail('http_status', `${where} answered HTTP ${answer.status}${statusHint(answer.status)}`);
    }
    return answer;
  } catch (error) {
    if (error instanceof TelephonyError) throw error;
    if (error === timedOut || controller.signal.reason === timedOut) {
      return fail('timeout', `${where} did not answer within ${seconds(options.timeoutMs)}`);
    }
    if (error instanceof AnswerTooLarge) return fail('invalid_reply', `${where} sent an answer larger than ${maxAnswerBytes / 1024} KiB`);
    return fail('unreachable', `could not reach ${where} (${networkProblem(error)}); check the network connection and the address in Settings → Telephony`);
  } finally {
    clearTimeout(timer);
  }
}

class AnswerTooLarge extends Error {}

async function readLimited(response: Response, abort: () => void): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxAnswerBytes) {
      abort();
      throw new AnswerTooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function statusHint(status: number): string {
  if (status === 404) return ' (not found: check the address in Settings → Telephony)';
  if (status === 408 || status === 429) return ' (busy: try again in a moment)';
  if (status >= 500) return ' (a problem on the organisation’s server)';
  return '';
}

/** Node's fetch says only "fetch failed"; the reason is in its cause. */
function networkProblem(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  const code = typeof cause?.code === 'string' ? cause.code : '';
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host name not found';
  if (code === 'ECONNRESET' || code === 'UND_ERR_SOCKET') return 'the connection was dropped';
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH') return 'no route to the host';
  if (code === 'ETIMEDOUT' || code === 'UND_ERR_CONNECT_TIMEOUT') return 'the connection timed out';
  if (/CERT|SSL|TLS|SIGNATURE/i.test(code)) return 'its certificate is not trusted by this computer';
  if (cause?.message === 'bad port') return 'that port is blocked for web requests';
  return code ? `network error ${code}` : 'network error';
}

function seconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(1)} second${s === 1 ? '' : 's'}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
