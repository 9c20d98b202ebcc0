/**
 * The login throttle over real HTTP, behind a trusted proxy (TRUST_PROXY):
 * growing delays per e-mail + address, refused early in Dutch with the seconds
 * to wait; an attacker's failures never lock out the right password from
 * another address.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createProfessionalFixture } from '../../tests/support/fixtures';
import { postForm, startTestServer, type TestServer } from '../../tests/support/testServer';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer({ trustProxy: true });
});
afterEach(() => server.stop());

const from = (ip: string) => ({ 'X-Forwarded-For': ip });

describe('login throttle over HTTP', () => {
  it('refuses the attempt after three failures from one address early, with "Wacht nog" and Retry-After', async () => {
    const user = await createProfessionalFixture(server.services.db, 'Carla Doelwit');
    for (let i = 0; i < 3; i++) {
      expect((await postForm(server.url, '/login', { email: user.email, password: `fout-${i}` }, from('198.51.100.7'))).status).toBe(401);
    }
    const refused = await postForm(server.url, '/login', { email: user.email, password: user.password }, from('198.51.100.7'));
    expect(refused.status).toBe(429);
    expect(await refused.text()).toMatch(/Wacht nog \d+ seconde/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.headers.get('set-cookie')).toBeNull();
  });

  it('lets the right password in from another address while an attacker keeps failing on that e-mail', async () => {
    const user = await createProfessionalFixture(server.services.db, 'Eddy Onschuldig');
    for (let i = 0; i < 6; i++) await postForm(server.url, '/login', { email: user.email, password: 'fout' }, from('203.0.113.66'));
    expect((await postForm(server.url, '/login', { email: user.email, password: user.password }, from('203.0.113.66'))).status).toBe(429);
    expect((await postForm(server.url, '/login', { email: user.email, password: user.password }, from('192.0.2.10'))).status).toBe(302);
  });

  it('counts attempts sent at the same moment: three are checked, the rest wait', async () => {
    const victim = await createProfessionalFixture(server.services.db, 'Gerrit Gelijktijdig');
    const answers = await Promise.all(
      Array.from({ length: 7 }, (_, i) => postForm(server.url, '/login', { email: victim.email, password: `fout-${i}` }, from('198.51.100.9'))),
    );
    expect(answers.map((r) => r.status).sort()).toEqual([401, 401, 401, 429, 429, 429, 429]);
  });
});
