/** The logger writes JSON lines, keeps error stacks, censors obvious personal fields and honours the level. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './log.server';

function capture(level = 'debug') {
  const lines: Record<string, unknown>[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger(stream, level), lines };
}

describe('log', () => {
  it('writes JSON lines with level, time, message and the component of a child logger', () => {
    const { log, lines } = capture();
    log.child({ component: 'sync' }).info({ connections: 3 }, 'connections closed');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: 30, component: 'sync', connections: 3, msg: 'connections closed' });
    expect(typeof lines[0]!.time).toBe('string');
  });

  it('logs an error with its type, message and stack under err', () => {
    const { log, lines } = capture();
    log.error({ err: new TypeError('kapot') }, 'writing an update failed');
    expect(lines[0]!.err).toMatchObject({ type: 'TypeError', message: 'kapot' });
    expect(String((lines[0]!.err as { stack: string }).stack)).toContain('log.server.test.ts');
  });

  it('censors the obvious personal fields and cookies as a safety net', () => {
    const { log, lines } = capture();
    log.info({ email: 'a@b.nl', token: 't', user: { name: 'Linda Bakker', phone: '06', password: 'p' }, req: { headers: { cookie: 'vp_session=x' } } }, 'oeps');
    const text = JSON.stringify(lines[0]);
    for (const secret of ['a@b.nl', 'Linda Bakker', 'vp_session=x', '"06"', '"p"', '"t"']) expect(text).not.toContain(secret);
  });

  it('honours the level', () => {
    const { log, lines } = capture('info');
    log.debug('detail');
    log.info('news');
    expect(lines.map((l) => l.msg)).toEqual(['news']);
  });
});
