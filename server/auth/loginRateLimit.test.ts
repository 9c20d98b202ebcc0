/** The login rate limit over real HTTP (own server: these tests exhaust the limit of the test IP). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LOGIN_MESSAGES_FOR_TESTS } from '../../tests/support/messages';
import { createProfessionalFixture } from '../../tests/support/fixtures';
import { postForm, startTestServer, type TestServer } from '../../tests/support/testServer';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.stop());

describe('login rate limit', () => {
  it('refuses a 6th attempt for one e-mail, even with the right password, in Dutch', async () => {
    const victim = await createProfessionalFixture(server.services.db, 'Carla Doelwit');
    for (let i = 0; i < 5; i++) {
      expect((await postForm(server.url, '/login', { email: victim.email, password: `fout-${i}` })).status).toBe(401);
    }
    const blocked = await postForm(server.url, '/login', { email: victim.email, password: victim.password });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain(LOGIN_MESSAGES_FOR_TESTS.throttled);
    expect(blocked.headers.get('set-cookie')).toBeNull();
  });

  it('refuses attempts from one IP after 5 failures spread over several e-mail addresses', async () => {
    const other = await createProfessionalFixture(server.services.db, 'Eddy Onschuldig');
    for (let i = 0; i < 5; i++) {
      await postForm(server.url, '/login', { email: `gok${i}@test.veiligplan.nl`, password: 'fout' });
    }
    const blocked = await postForm(server.url, '/login', { email: other.email, password: other.password });
    expect(blocked.status).toBe(429);
    expect(await blocked.text()).toContain(LOGIN_MESSAGES_FOR_TESTS.throttled);
  });

  it('counts attempts sent at the same moment: only 5 are checked, the rest get 429', async () => {
    const victim = await createProfessionalFixture(server.services.db, 'Gerrit Gelijktijdig');
    const answers = await Promise.all(Array.from({ length: 9 }, (_, i) => postForm(server.url, '/login', { email: victim.email, password: `fout-${i}` })));
    expect(answers.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429]);
    expect((await postForm(server.url, '/login', { email: victim.email, password: victim.password })).status).toBe(429);
  });

  it('lets four failures pass and then accepts the right password', async () => {
    const user = await createProfessionalFixture(server.services.db, 'Fatima Vergeetachtig');
    for (let i = 0; i < 4; i++) await postForm(server.url, '/login', { email: user.email, password: 'fout' });
    expect((await postForm(server.url, '/login', { email: user.email, password: user.password })).status).toBe(302);
  });
});
