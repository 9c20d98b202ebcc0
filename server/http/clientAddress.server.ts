/**
 * The client address every limiter and throttle keys on, for HTTP requests and
 * WebSocket upgrades alike (ADR 037). Without a trusted proxy it is the
 * socket's peer. Behind the one documented reverse proxy (TRUST_PROXY=1) it is
 * the last X-Forwarded-For entry — the address that proxy saw; earlier
 * entries are the client's own claims and never trusted. This is what Express
 * computes for `req.ip` with `trust proxy` = 1.
 */
import type { IncomingMessage } from 'node:http';

export function clientAddress(req: Pick<IncomingMessage, 'headers' | 'socket'>, trustProxy: boolean): string {
  const peer = req.socket.remoteAddress ?? 'unknown';
  if (!trustProxy) return peer;
  const header = req.headers['x-forwarded-for'];
  const entries = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  return entries.at(-1) ?? peer;
}
