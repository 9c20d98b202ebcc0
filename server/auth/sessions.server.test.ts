/** The session cookie's name and attributes: `__Host-` prefixed over https, plain over http (local development). */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../db/database.server';
import { createProfessionalFixture } from '../../tests/support/fixtures';
import { createAuth } from './auth.server';
import { hasSessionCookie } from './sessions.server';

let dir: string;
let handle: DatabaseHandle;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'veiligplan-cookie-'));
  handle = openDatabase(join(dir, 'db.sqlite'));
});
afterEach(() => {
  handle.close();
  rmSync(dir, { recursive: true, force: true });
});

const attributes = (setCookie: string) => setCookie.split(';').map((part) => part.trim().toLowerCase());

describe('the session cookie', () => {
  it('is __Host-vp_session over https: Secure, Path=/, no Domain; and it signs in', async () => {
    const user = await createProfessionalFixture(handle.db, 'Sophie Jansen');
    const auth = createAuth(handle.db, { secret: 's', secure: true });
    const result = await auth.login(user.email, user.password, '192.0.2.1');
    if (!result.ok) throw new Error('login failed');
    expect(result.setCookie).toMatch(/^__Host-vp_session=/);
    const attrs = attributes(result.setCookie);
    expect(attrs).toContain('secure');
    expect(attrs).toContain('path=/');
    expect(attrs.some((a) => a.startsWith('domain='))).toBe(false);
    const viewer = await auth.viewerFromCookie(result.setCookie.split(';')[0]);
    expect(viewer?.kind).toBe('professional');
    // The plain name is not accepted over https (a cookie set by a sibling site cannot stand in).
    expect(await auth.viewerFromCookie(result.setCookie.split(';')[0]!.replace(/^__Host-/, ''))).toBeNull();
    expect(hasSessionCookie(result.setCookie.split(';')[0])).toBe(true);
  });

  it('is vp_session over http (local development), without Secure', async () => {
    const user = await createProfessionalFixture(handle.db, 'Linda Bakker');
    const auth = createAuth(handle.db, { secret: 's', secure: false });
    const result = await auth.login(user.email, user.password, '192.0.2.1');
    if (!result.ok) throw new Error('login failed');
    expect(result.setCookie).toMatch(/^vp_session=/);
    expect(attributes(result.setCookie)).not.toContain('secure');
    expect(hasSessionCookie(result.setCookie.split(';')[0])).toBe(true);
  });

  it('the family hint gets the prefix over https too', () => {
    expect(createAuth(handle.db, { secret: 's', secure: true }).familyHintCookie()).toMatch(/^__Host-vp_gezin=1; Path=\/;.*Secure/);
    expect(createAuth(handle.db, { secret: 's', secure: false }).familyHintCookie()).toMatch(/^vp_gezin=1; Path=\/;/);
  });
});
