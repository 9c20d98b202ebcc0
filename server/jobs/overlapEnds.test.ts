/**
 * An overlap that runs out closes the incoming person's open sockets once, so
 * they reconnect with the rights of now (real server, real provider).
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overdrachten } from '../../db/schema';
import { createEveryRoleCase } from '../../tests/support/everyRole';
import { connectClient, waitFor, waitSynced, type Client } from '../../tests/support/syncClient';
import { login, startTestServer, type TestServer } from '../../tests/support/testServer';
import { todayIso } from '../cases/regie.server';
import { createOverlapEnds } from './overlapEnds.server';

let server: TestServer;
const clients: Client[] = [];
beforeAll(async () => {
  server = await startTestServer({ sync: { upgradesPerSecond: 0 } });
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

const NOTE = {
  situatie: 'Situatie',
  openAfsprakenRisicos: 'Risico’s',
  gezinBelangrijk: 'Rust',
  volgendeStappen: 'Evalueren',
  familySummary: 'Karin helpt jullie nu met het plan.',
};

describe('closeRunOutOverlaps', () => {
  it('closes the incoming regisseur’s sockets once when the overlap has passed, and leaves running overlaps alone', async () => {
    const setup = await createEveryRoleCase(server.services.db, 'Gezin Overlap');
    const { overdrachtId } = server.services.commands.startOverdracht(
      { caseId: setup.caseId, participantId: setup.ids.jeugdbeschermer! },
      { toParticipantId: setup.ids.professional!, overlapUntil: todayIso(), ...NOTE },
    );
    const account = setup.accounts.professional!;
    const client = connectClient(server.url, await login(server.url, account.email, account.password), `${setup.caseId}/bodemeisen`);
    clients.push(client);
    await waitSynced(client);
    const closeRunOutOverlaps = createOverlapEnds(server.services);
    expect(closeRunOutOverlaps()).toBe(0);

    server.services.db.update(overdrachten).set({ overlapUntil: '2020-01-01' }).where(eq(overdrachten.id, overdrachtId)).run();
    expect(closeRunOutOverlaps()).toBe(1);
    await waitFor(() => client.closeCodes.length > 0, 5000, 'socket closed');
    expect(closeRunOutOverlaps()).toBe(0);
  });
});
