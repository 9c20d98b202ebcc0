/**
 * The browser-side controller against the real server, in Node: the stock
 * provider with a cookie-sending WebSocket, and a probe that sends the cookie.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../domain/caseFacts';
import { caseWithEveryRole, type RoleSession } from '../../tests/support/syncFixtures';
import { authenticatedWebSocket, waitFor } from '../../tests/support/syncClient';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { connectionLabel, openCollabDocument, type CollabDocument } from './collabDocument';
import type { DocumentName } from '../domain/permissions';

let server: TestServer;
let caseId: string;
let s: Record<Role, RoleSession>;
const opened: CollabDocument[] = [];

beforeAll(async () => {
  server = await startTestServer({ sync: { upgradesPerSecond: 0 } });
  ({ caseId, sessions: s } = await caseWithEveryRole(server));
});
afterAll(async () => {
  for (const o of opened) o.destroy();
  await server.stop();
});

function open(session: RoleSession | null, document: DocumentName, readOnly = false, id = caseId) {
  const origin = new URL(server.url).origin;
  const doc = openCollabDocument({
    origin: server.url,
    caseId: id,
    document,
    readOnly,
    persist: false,
    WebSocketPolyfill: authenticatedWebSocket(session?.cookie ?? null, origin) as unknown as typeof WebSocket,
    probe: (url) => fetch(url, { headers: session ? { Cookie: session.cookie } : {} }),
  });
  opened.push(doc);
  return doc;
}

describe('openCollabDocument', () => {
  it('connects, syncs and says so in Dutch', async () => {
    const c = open(s.ouder, 'kaart');
    expect(connectionLabel(c.state)).toBe('Verbinden…');
    await waitFor(() => c.state.phase === 'connected' && c.state.synced);
    expect(connectionLabel(c.state)).toBe('Verbonden');
  });

  it('turns read-only when the server drops a write, even if the page thought it could write', async () => {
    const c = open(s.ouder, 'bodemeisen', false);
    await waitFor(() => c.state.synced);
    c.doc.getArray('eisen').push(['poging']);
    await waitFor(() => c.state.readOnly);
    expect(connectionLabel(c.state)).toBe('Verbonden · alleen lezen');
  });

  it('stops for good when access is revoked (4403) and does not reconnect', async () => {
    const c = open(s.netwerklid, 'plan');
    await waitFor(() => c.state.synced);
    const opensBefore = server.services.sync.metrics.connectionsOpened;
    server.services.sync.closeConnections({ participantId: s.netwerklid.participantId });
    await waitFor(() => c.state.phase === 'ended', 5000);
    expect(c.state.endReason).toBe('revoked');
    expect(connectionLabel(c.state)).toBe('Je hebt geen toegang meer tot dit plan.');
    await new Promise((r) => setTimeout(r, 600));
    expect(server.services.sync.metrics.connectionsOpened).toBe(opensBefore);
  });

  it('asks the server why a connection is refused and stops: not logged in, or no such case', async () => {
    const anonymous = open(null, 'kaart');
    await waitFor(() => anonymous.state.phase === 'ended', 5000);
    expect(anonymous.state.endReason).toBe('unauthenticated');

    const wrongCase = open(s.ouder, 'kaart', false, '00000000-0000-0000-0000-000000000000');
    await waitFor(() => wrongCase.state.phase === 'ended', 5000);
    expect(wrongCase.state.endReason).toBe('not-found');
  });
});
