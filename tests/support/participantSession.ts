/**
 * Test helper until personal links exist: a session for a family/netwerk
 * participant, made with the app's own createParticipantSession against the
 * (running) server's database — the same code path the links will use.
 */
import { and, eq } from 'drizzle-orm';
import { openDatabase } from '../../db/database.server';
import { participants } from '../../db/schema';
import { createAuth } from '../../server/auth/auth.server';

export async function participantCookie(databasePath: string, caseId: string, name: string, secret: string) {
  const h = openDatabase(databasePath);
  try {
    const p = h.db
      .select()
      .from(participants)
      .where(and(eq(participants.caseId, caseId), eq(participants.name, name)))
      .get();
    if (!p) throw new Error(`No participant named ${name}`);
    const setCookie = await createAuth(h.db, { secret, secure: false }).createParticipantSession(p.id);
    const [pair] = setCookie.split(';');
    const [cookieName, ...value] = pair!.split('=');
    return { name: cookieName!, value: value.join('=') };
  } finally {
    h.close();
  }
}
