/**
 * A refused change is undone in place: against the real server with the
 * stock provider in Node, a writer's change that breaks the kaart's schema is
 * refused; the copy holding it is replaced by a fresh copy from the server on
 * the same "page", with the Dutch notice, and editing goes on. A client that
 * keeps producing refused changes ends after its reloads are used up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../domain/caseFacts';
import { addItem } from '../domain/items';
import { caseWithEveryRole, type RoleSession } from '../../tests/support/syncFixtures';
import { authenticatedWebSocket, waitFor } from '../../tests/support/syncClient';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import type { CollabDocument, CollabState } from './collabDocument';
import { openResilientDocument, REFUSED_NOTICE } from './resilientDocument';

let server: TestServer;
let caseId: string;
let s: Record<Role, RoleSession>;
const destroyers: (() => void)[] = [];

beforeAll(async () => {
  server = await startTestServer({ sync: { upgradesPerSecond: 0 } });
  ({ caseId, sessions: s } = await caseWithEveryRole(server));
});
afterAll(async () => {
  for (const d of destroyers) d();
  await server.stop();
});

function open(session: RoleSession, maxReopens?: number) {
  const origin = new URL(server.url).origin;
  const seen = { handles: [] as CollabDocument[], state: null as CollabState | null, notice: null as string | null };
  const live = openResilientDocument({
    origin: server.url,
    caseId,
    document: 'kaart',
    readOnly: false,
    persist: false,
    maxReopens,
    WebSocketPolyfill: authenticatedWebSocket(session.cookie, origin) as unknown as typeof WebSocket,
    probe: (url) => fetch(url, { headers: { Cookie: session.cookie } }),
    onDocument: (h) => seen.handles.push(h),
    onChange: (state) => (seen.state = state),
    onNotice: (text) => (seen.notice = text),
  });
  destroyers.push(() => live.destroy());
  return { live, seen };
}

const breakSchema = (h: CollabDocument) => h.doc.getArray('niet-in-het-schema').push(['poging']);

describe('openResilientDocument', () => {
  it('replaces the copy holding a refused change by the stored plan, says so in Dutch, and lets the person go on', async () => {
    const { live, seen } = open(s.ouder);
    await waitFor(() => seen.state?.synced === true);
    const first = live.current();
    breakSchema(first);
    await waitFor(() => seen.handles.length === 2 && seen.state?.synced === true, 5000);
    expect(seen.notice).toBe(REFUSED_NOTICE);
    const fresh = live.current();
    expect(fresh).not.toBe(first);
    expect(fresh.doc.getArray('niet-in-het-schema').length).toBe(0);
    expect(seen.state?.phase).toBe('connected');
    // The fresh copy writes again: a valid change reaches the server.
    const id = addItem(
      fresh.doc,
      { participantId: s.ouder.participantId, name: s.ouder.name, role: 'Ouder / verzorger' },
      { section: 'krachten', fields: { text: 'Het gaat beter.' } },
    );
    await waitFor(() => server.services.sync.room(caseId, 'kaart').doc.getMap('items').has(id), 5000);
  });

  it('stays ended once its reloads are used up', async () => {
    const { live, seen } = open(s.netwerklid, 1);
    await waitFor(() => seen.state?.synced === true);
    breakSchema(live.current());
    await waitFor(() => seen.handles.length === 2 && seen.state?.synced === true, 5000);
    breakSchema(live.current());
    await waitFor(() => seen.state?.phase === 'ended', 5000);
    expect(seen.state?.endReason).toBe('refused');
    expect(seen.handles).toHaveLength(2);
  });
});
