import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { checkAddress, guardedLookup } from './url-guard.js';

export type PostResult = { statusCode: number | null; error: string | null; durationMs: number };

// One POST with a hard timeout over the whole exchange; the answer's body is read (up to 4 KiB) and dropped.
// Redirects are not followed: a 3xx is a failed delivery.
export function postOnce(
  url: URL,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; allowLoopback: boolean },
): Promise<PostResult> {
  const started = Date.now();
  return new Promise((resolve) => {
    let settled = false;
    const timers: { deadline?: NodeJS.Timeout } = {};
    const finish = (statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timers.deadline);
      resolve({ statusCode, error, durationMs: Date.now() - started });
    };
    // An IP literal never goes through the lookup: judge it here.
    const host = url.hostname.replace(/^\[|\]$/g, '');
    if (isIP(host)) {
      try {
        checkAddress(host, options.allowLoopback);
      } catch (refused) {
        return finish(null, `EADDRREFUSED: ${(refused as Error).message}`);
      }
    }
    const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
    const req = send(
      url,
      {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)), 'user-agent': 'SONS-Webhooks/1.0' },
        lookup: guardedLookup(options.allowLoopback),
        agent: false,
      },
      (res) => {
        let received = 0;
        res.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > 4096) res.destroy();
        });
        res.on('end', () => finish(res.statusCode ?? null, null));
        res.on('close', () => finish(res.statusCode ?? null, null));
        res.on('error', () => finish(res.statusCode ?? null, null));
      },
    );
    timers.deadline = setTimeout(() => {
      req.destroy(new Error(`timed out after ${options.timeoutMs} ms`));
    }, options.timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => finish(null, (error.code ? `${error.code}: ` : '') + error.message));
    req.end(body);
  });
}
