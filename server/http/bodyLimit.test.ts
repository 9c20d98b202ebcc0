/**
 * Request bodies are bounded before any other work: too large (declared or
 * counted while streaming, also chunked without Content-Length) is a Dutch
 * 413 before sign-in, sessions or Remix, the server never holds such a body
 * in memory, and forms under the limit still reach Remix whole. Against the
 * real server: in this process for behaviour, as a separate process for its
 * memory and its health check during a slow upload.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../db/schema';
import { LOGIN_MESSAGES_FOR_TESTS } from '../../tests/support/messages';
import { createCaseFixture, createProfessionalFixture } from '../../tests/support/fixtures';
import { spawnServer, type SpawnedServer } from '../../tests/support/spawnServer';
import { useTempDirs } from '../../tests/support/tempDirs';
import { login, postForm, startTestServer, type TestServer } from '../../tests/support/testServer';
import { MAX_FORM_BYTES } from './bodyLimit.server';

const MB = 1024 * 1024;
const TOO_LARGE = 'Dit formulier is te groot.';

interface Upload {
  /** Resolves with the answer as soon as it arrives (also while the body is still being sent). */
  answer: Promise<{ status: number; text: string }>;
  answered(): boolean;
  /** Bytes handed to the socket so far. */
  sent(): number;
  /** Sends `bytes` more in 16 KB chunks, honouring backpressure; stops early when the connection ends. */
  send(bytes: number): Promise<void>;
  end(): void;
  destroy(): void;
}

/** A POST whose body is written piece by piece: with a Content-Length, or chunked when `declaredBytes` is absent. */
function upload(baseUrl: string, path: string, options: { declaredBytes?: number; cookie?: string } = {}): Upload {
  const target = new URL(path, baseUrl);
  const headers: Record<string, string> = { 'Content-Type': 'application/x-www-form-urlencoded', Origin: target.origin };
  if (options.declaredBytes !== undefined) headers['Content-Length'] = String(options.declaredBytes);
  if (options.cookie) headers.Cookie = options.cookie;
  // Keep-alive, as browsers always ask: then the server reads on a little after its answer instead of closing at once.
  const agent = new http.Agent({ keepAlive: true });
  const req = http.request(target, { method: 'POST', headers, agent });
  let answered = false;
  let ended = false;
  let sent = 0;
  const answer = new Promise<{ status: number; text: string }>((resolve, reject) => {
    req.on('response', (res) => {
      answered = true;
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (text += d));
      res.on('end', () => resolve({ status: res.statusCode!, text }));
      res.on('error', () => resolve({ status: res.statusCode!, text }));
    });
    // After the answer the server may cut the rest of the upload off: that is expected.
    req.on('error', (error) => {
      ended = true;
      if (!answered) reject(error);
    });
    req.on('close', () => (ended = true));
  });
  answer.catch(() => undefined);
  /** Until the socket takes more or the connection ended. */
  const writable = () =>
    new Promise<void>((resolve) => {
      const done = () => {
        req.off('drain', done);
        req.off('close', done);
        req.off('error', done);
        resolve();
      };
      req.once('drain', done);
      req.once('close', done);
      req.once('error', done);
    });
  const chunk = Buffer.alloc(16 * 1024, 'a');
  chunk.write('explanation=');
  return {
    answer,
    answered: () => answered,
    sent: () => sent,
    async send(bytes) {
      let left = bytes;
      while (left > 0 && !ended) {
        const piece = chunk.subarray(0, Math.min(chunk.length, left));
        left -= piece.length;
        sent += piece.length;
        if (!req.write(piece)) await writable();
      }
    },
    end: () => req.end(),
    destroy: () => {
      req.destroy();
      agent.destroy();
    },
  };
}

/**
 * Starts a POST of `bytes`, sends a first part (past the limit, so at most
 * 128 KB) and resolves with the answer, which must come while the rest of
 * the body has not been sent.
 */
async function post(baseUrl: string, path: string, bytes: number, options: { chunked: boolean; cookie?: string }) {
  const u = upload(baseUrl, path, { declaredBytes: options.chunked ? undefined : bytes, cookie: options.cookie });
  const firstPart = Math.min(bytes, 2 * MAX_FORM_BYTES);
  await u.send(firstPart);
  if (firstPart === bytes) u.end();
  const answer = await u.answer;
  u.destroy();
  return answer;
}

/**
 * Pushes a whole body of `bytes` at the server over a raw socket, as fast as
 * the server takes it and without waiting for an answer (an attacker does
 * not wait). Resolves with whatever came back once the server has closed the
 * connection or answered after the whole body.
 */
function flood(baseUrl: string, path: string, bytes: number, { chunked }: { chunked: boolean }): Promise<string> {
  const { hostname, port, origin } = new URL(baseUrl);
  const socket = net.connect(Number(port), hostname);
  let received = '';
  let closed = false;
  socket.setEncoding('latin1');
  socket.on('data', (d: string) => (received += d));
  socket.on('error', () => undefined);
  const done = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  socket.on('close', () => (closed = true));
  const drained = () => new Promise<void>((resolve) => (socket.once('drain', resolve), socket.once('close', resolve)));
  void (async () => {
    const framing = chunked ? 'Transfer-Encoding: chunked' : `Content-Length: ${bytes}`;
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: ${new URL(baseUrl).host}\r\nOrigin: ${origin}\r\nContent-Type: application/x-www-form-urlencoded\r\n${framing}\r\n\r\n`,
    );
    const piece = Buffer.alloc(64 * 1024, 'a');
    const framed = chunked ? Buffer.concat([Buffer.from(`${piece.length.toString(16)}\r\n`), piece, Buffer.from('\r\n')]) : piece;
    for (let left = bytes; left > 0 && !closed; left -= piece.length) if (!socket.write(framed)) await drained();
    if (closed) return;
    if (chunked) socket.write('0\r\n\r\n');
    // Whole body sent: wait for the answer, then hang up.
    await new Promise<void>((resolve) => (socket.on('data', () => /\r\n\r\n/.test(received) && resolve()), socket.once('close', resolve)));
    socket.end();
  })();
  return done;
}

describe('request bodies, in this process', () => {
  let server: TestServer;
  let prof: Awaited<ReturnType<typeof createProfessionalFixture>>;
  let caseId: string;
  let cookie: string;

  beforeAll(async () => {
    server = await startTestServer();
    prof = await createProfessionalFixture(server.services.db, 'Grote Formulieren');
    caseId = createCaseFixture(server.services.db, prof.id).caseId;
    cookie = await login(server.url, prof.email, prof.password);
  });
  afterAll(() => server.stop());

  it('answers a declared body over the limit with a Dutch 413 at once, before any byte of it arrives', async () => {
    const u = upload(server.url, '/login', { declaredBytes: 300 * MB });
    await u.send(1); // sends the headers (and one byte)
    const answer = await u.answer;
    u.destroy();
    expect(answer.status).toBe(413);
    expect(answer.text).toContain(TOO_LARGE);
  });

  it.each([
    ['with a Content-Length', false],
    ['chunked, without a Content-Length', true],
  ])('answers a 10 MB form to /login %s with a Dutch 413 before reading it all', async (_label, chunked) => {
    const res = await post(server.url, '/login', 10 * MB, { chunked });
    expect(res.status).toBe(413);
    expect(res.text).toContain(TOO_LARGE);
  });

  it('refuses a 10 MB chunked form to a case action of a signed-in person before the action runs', async () => {
    const before = server.services.scores.history(caseId).length;
    const auditBefore = server.services.db.select().from(auditLog).where(eq(auditLog.caseId, caseId)).all().length;
    const res = await post(server.url, `/casussen/${caseId}/kaart`, 10 * MB, { chunked: true, cookie });
    expect(res.status).toBe(413);
    expect(res.text).toContain(TOO_LARGE);
    expect(server.services.scores.history(caseId).length).toBe(before);
    expect(server.services.db.select().from(auditLog).where(eq(auditLog.caseId, caseId)).all().length).toBe(auditBefore);
  });

  it('still reads normal forms whole: sign-in, a score, a chunked form and a form just under the limit', async () => {
    expect((await postForm(server.url, '/login', { email: prof.email, password: prof.password })).status).toBe(302);
    const score = await postForm(
      server.url,
      `/casussen/${caseId}/kaart?_data=routes%2Fcasussen.%24caseId.kaart`,
      { intent: 'score', score: '7', explanation: 'Gaat goed' },
      { Cookie: cookie },
    );
    expect(score.status).toBe(200);
    expect(server.services.scores.history(caseId)[0]!.scores.at(-1)).toMatchObject({ score: 7, explanation: 'Gaat goed' });

    // Chunked (no Content-Length): the body still reaches the login action whole.
    const chunked = await new Promise<number>((resolve, reject) => {
      const target = new URL('/login', server.url);
      const req = http.request(target, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: target.origin },
        agent: false,
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      const body = new URLSearchParams({ email: prof.email, password: prof.password }).toString();
      req.write(body.slice(0, 10));
      req.end(body.slice(10));
    });
    expect(chunked).toBe(302);

    // Just under the limit: read and judged by the login action (a password this long is refused as invalid, not as too large).
    const long = await postForm(server.url, '/login', { email: prof.email, password: 'x'.repeat(MAX_FORM_BYTES - 200) });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain(LOGIN_MESSAGES_FOR_TESTS.invalid);
  });
});

describe('request bodies, as a separate process', () => {
  const tempDir = useTempDirs('veiligplan-body-');
  let server: SpawnedServer | undefined;
  afterAll(() => server?.stop());

  /** Peak resident memory of the server process since the last reset (Linux: writing 5 to clear_refs resets the peak). */
  const peakRss = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${server!.child.pid}/status`, 'utf8'))![1]) * 1024;
  const resetPeakRss = () => writeFileSync(`/proc/${server!.child.pid}/clear_refs`, '5');

  it('never holds a 10 MB form in memory, and /healthz answers while a slow upload is in flight', async () => {
    server = await spawnServer({ databasePath: join(tempDir(), 'db.sqlite') });
    // Warm up the paths used below, so their first-use cost is not counted.
    for (let i = 0; i < 3; i++) {
      expect((await postForm(server.url, '/login', { email: 'niemand@test.veiligplan.nl', password: 'fout' })).status).toBe(401);
      expect((await post(server.url, '/login', 2 * MAX_FORM_BYTES, { chunked: true })).status).toBe(413);
      await flood(server.url, '/login', 2 * MB, { chunked: true });
    }
    resetPeakRss();
    const before = peakRss();

    // A slow upload: part of the body is in, the rest has not come yet. The server keeps answering.
    const slow = upload(server.url, '/login');
    await slow.send(48 * 1024);
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
    expect(slow.answered()).toBe(false);
    // Past the limit now: answered while the rest of its 10 MB is still to come.
    await slow.send(2 * MAX_FORM_BYTES - slow.sent());
    expect((await slow.answer).status).toBe(413);
    slow.destroy();

    // 10 MB pushed at full speed, declared and chunked: whatever the server answers, it must not keep it.
    for (const chunked of [false, true]) {
      const answer = await flood(server.url, '/login', 10 * MB, { chunked });
      if (answer) expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    }
    // Buffering even one of these bodies would add 10 MB or more to the peak.
    expect(peakRss() - before).toBeLessThan(5 * MB);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});
