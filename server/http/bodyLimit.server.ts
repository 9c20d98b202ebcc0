/**
 * Request bodies are bounded before any other work. Invariant: a request with
 * a body (any method but GET and HEAD) passes this middleware only once its
 * whole body has arrived and is at most `maxBytes`; until then nothing else
 * runs for it (no same-origin check, no session lookup, no Remix). A larger
 * body is answered with a Dutch 413 as soon as that is known — at once from
 * Content-Length, otherwise when the bytes counted while streaming (chunked
 * bodies too) pass the limit — and is never held in memory: at most
 * `maxBytes` is kept, the rest is counted and thrown away. The accepted body
 * is kept as one byte array for Remix (remix.server.ts); nothing reads the
 * socket after this.
 */
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';

/** Every form of the app fits many times over (its longest fields hold 1,000 characters). */
export const MAX_FORM_BYTES = 64 * 1024;

/**
 * After a 413 the rest of the body is read and thrown away up to this many
 * bytes, so that the browser is still listening when the answer arrives and
 * shows it (cutting the connection at once makes browsers show a network
 * error instead); a longer body has its connection cut.
 */
export const DISCARD_BEFORE_CLOSE_BYTES = 1024 * 1024;

/**
 * A child's page takes an uploaded picture (at most 2 MB, ADR 030): its form
 * posts may be this large, with room for the multipart envelope and fields.
 * Only that page's path; every other request keeps MAX_FORM_BYTES.
 */
export const MAX_UPLOAD_BYTES = 2 * 1024 * 1024 + 64 * 1024;
export const UPLOAD_PATH = /^\/casussen\/[A-Za-z0-9-]{1,64}\/kind\/[A-Za-z0-9-]{1,64}\/?$/;
export const bodyLimitFor = (req: { path: string }) => (UPLOAD_PATH.test(req.path) ? MAX_UPLOAD_BYTES : MAX_FORM_BYTES);

export const BODY_TOO_LARGE_MESSAGE = 'Dit formulier is te groot. Maak de tekst korter en probeer het opnieuw.';

const bodies = new WeakMap<IncomingMessage, Uint8Array<ArrayBuffer>>();

/** The body that limitRequestBody read for this request (undefined for GET and HEAD, or when it did not run). */
export function boundedBody(req: IncomingMessage): Uint8Array<ArrayBuffer> | undefined {
  return bodies.get(req);
}

const hasNoBody = (method: string | undefined) => method === 'GET' || method === 'HEAD';

export function limitRequestBody({ maxBytes: limit = MAX_FORM_BYTES }: { maxBytes?: number | ((req: Request) => number) } = {}) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (hasNoBody(req.method)) return next();
    const maxBytes = typeof limit === 'function' ? limit(req) : limit;
    const declared = req.headers['content-length'];
    // Node's parser has already refused a Content-Length that is not a number.
    if (declared !== undefined && Number(declared) > maxBytes) return refuse(req, res);

    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', stop);
      req.off('close', stop);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.byteLength;
      if (size <= maxBytes) {
        chunks.push(chunk);
        return;
      }
      stop();
      chunks.length = 0;
      refuse(req, res);
    };
    const onEnd = () => {
      stop();
      const body = new Uint8Array(size);
      let at = 0;
      for (const chunk of chunks) {
        body.set(chunk, at);
        at += chunk.byteLength;
      }
      bodies.set(req, body);
      next();
    };
    req.on('data', onData);
    req.on('end', onEnd);
    // The client went away (or the body was broken) before the end: there is nobody to answer.
    req.on('error', stop);
    req.on('close', stop);
  };
}

/** The Dutch 413; the rest of the body is thrown away unread, and past DISCARD_BEFORE_CLOSE_BYTES the connection is cut. */
function refuse(req: Request, res: Response): void {
  let discarded = 0;
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.byteLength;
    if (discarded > DISCARD_BEFORE_CLOSE_BYTES) req.socket.destroy();
  });
  req.on('error', () => undefined);
  req.resume();
  res.status(413).type('text/plain; charset=utf-8').set('Cache-Control', 'no-store').send(BODY_TOO_LARGE_MESSAGE);
}
