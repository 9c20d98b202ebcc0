/**
 * Hands a request to Remix. Invariant: Remix never reads the socket — the
 * body it gets is the bounded bytes that limitRequestBody (bodyLimit.server.ts)
 * read before any other work; GET and HEAD have none. Otherwise this does
 * what @remix-run/express's handler does (same URL, headers, abort and
 * answer), whose request builder would stream the raw socket instead.
 * Every answer to a request that carries a session cookie (pages, `_data`
 * requests, resource routes) or that sets a cookie is `Cache-Control:
 * no-store`: nothing of a signed-in person stays in a shared cache or on a
 * family's shared device (ADR 037).
 */
import { createRequestHandler, writeReadableStreamToWritable, type AppLoadContext, type ServerBuild } from '@remix-run/node';
import type { NextFunction, Request as ExpressRequest, Response as ExpressResponse } from 'express';
import { hasSessionCookie } from '../auth/sessions.server';
import { boundedBody } from './bodyLimit.server';

export function remixHandler(options: { build: ServerBuild; mode: string; getLoadContext(req: ExpressRequest, res: ExpressResponse): AppLoadContext }) {
  const handleRequest = createRequestHandler(options.build, options.mode);
  return async (req: ExpressRequest, res: ExpressResponse, next: NextFunction) => {
    try {
      const response = await handleRequest(remixRequest(req, res), options.getLoadContext(req, res));
      await sendResponse(res, response, hasSessionCookie(req.headers.cookie));
    } catch (error) {
      next(error);
    }
  };
}

function remixRequest(req: ExpressRequest, res: ExpressResponse): Request {
  // Host as Express sees it (respecting "trust proxy"), port from X-Forwarded-Host or Host, the full original path.
  const portOf = (host: string | undefined) => Number.parseInt(host?.split(':')[1] ?? '', 10);
  const forwardedPort = portOf(req.get('X-Forwarded-Host'));
  const hostPort = portOf(req.get('host'));
  const port = Number.isSafeInteger(forwardedPort) ? forwardedPort : Number.isSafeInteger(hostPort) ? hostPort : '';
  const url = new URL(`${req.protocol}://${req.hostname}${port ? `:${port}` : ''}${req.originalUrl}`);

  const headers = new Headers();
  for (const [key, value] of Object.entries(req.headers)) {
    if (Array.isArray(value)) for (const v of value) headers.append(key, v);
    else if (value) headers.set(key, value);
  }

  // Loaders and actions are aborted when the answer can no longer be written.
  const controller = new AbortController();
  res.on('close', () => {
    if (!res.writableFinished) controller.abort();
  });

  const init: RequestInit = { method: req.method, headers, signal: controller.signal };
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    const body = boundedBody(req);
    if (!body) throw new Error('The request body was not read by limitRequestBody.');
    init.body = body;
  }
  return new Request(url.href, init);
}

async function sendResponse(res: ExpressResponse, response: Response, signedIn: boolean): Promise<void> {
  res.statusMessage = response.statusText;
  res.status(response.status);
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (signedIn || response.headers.has('Set-Cookie')) res.setHeader('Cache-Control', 'no-store');
  if (/text\/event-stream/i.test(response.headers.get('Content-Type') ?? '')) res.flushHeaders();
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
