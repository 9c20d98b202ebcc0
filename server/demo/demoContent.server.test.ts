import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { renderBodemeisen } from '../../app/domain/bodemeisen';
import { setStatus } from '../../app/domain/items';
import { renderKaart } from '../../app/domain/kaart';
import { afspraken } from '../../app/domain/plan';
import { waitFor } from '../../tests/support/syncClient';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { ensureDemoCase } from './demoCase.server';
import { seedDemoContent } from './demoContent.server';

let server: TestServer;
let caseId: string;
let ids: Record<string, string>;
beforeAll(async () => {
  server = await startTestServer();
  ({ caseId, participantIds: ids } = await ensureDemoCase(server.services.db));
  seedDemoContent(server.services, caseId, ids);
});
afterAll(() => server.stop());

function storedDoc(document: 'kaart' | 'plan' | 'bodemeisen') {
  const loaded = server.services.sync.store.load(caseId, document);
  const doc = new Y.Doc();
  if (loaded.checkpoint) Y.applyUpdate(doc, loaded.checkpoint);
  for (const u of loaded.tail) Y.applyUpdate(doc, u);
  return doc;
}

const projected = () =>
  server.services.database.sqlite.prepare('select id, wat, wie, voortgang from afspraken where case_id = ? order by position').all(caseId) as {
    id: string;
    wat: string;
    wie: string;
    voortgang: string;
  }[];

describe('demo content', () => {
  it('is stored durably, attributed to the people who wrote it', async () => {
    await waitFor(() => server.services.sync.metrics.updatesPersisted >= 8);
    const kaart = renderKaart(storedDoc('kaart'));
    expect(kaart.sections.veiligheid![0]).toMatchObject({ createdBy: { id: ids.buurvrouw, name: 'Ayşe Yılmaz', role: 'Netwerklid' } });
    expect(kaart.sections.gebeurd).toHaveLength(2);
    expect(renderBodemeisen(storedDoc('bodemeisen')).sections.eisen!.every((e) => e.createdBy.id === ids.jeugdbeschermer)).toBe(true);
    const authors = server.services.database.sqlite
      .prepare("select distinct participant_id as p from updates where case_id = ? and document = 'kaart'")
      .all(caseId) as { p: string }[];
    expect(new Set(authors.map((a) => a.p))).toEqual(new Set([ids.jeugdbeschermer, ids.casusregisseur, ids.moeder, ids.vader, ids.oma, ids.buurvrouw]));
    expect(server.services.scores.history(caseId)).toHaveLength(3);
  });

  it('projects the afspraken into SQLite (debounced, idempotent) and follows later changes', async () => {
    await waitFor(() => projected().length === 4, 3000, 'projection'); // two afspraken and two veiligheidsnetwerk tasks
    expect(projected().map((a) => ({ ...a, wie: JSON.parse(a.wie) }))).toEqual(
      afspraken(storedDoc('plan')).map((a) => ({ id: a.id, wat: a.wat, wie: a.wie, voortgang: 'loopt' })),
    );
    const room = server.services.sync.room(caseId, 'plan');
    const first = projected()[0]!;
    room.applyServerChange({ participantId: ids.casusregisseur!, connectionId: null }, (doc) =>
      setStatus(doc, first.id, 'ingetrokken', 'Vervangen door een betere afspraak', {
        participantId: ids.casusregisseur!,
        name: 'Karim El Idrissi',
        role: 'Casusregisseur',
      }),
    );
    await waitFor(() => projected().length === 3, 3000, 'withdrawn afspraak leaves the projection');
    // Idempotent: projecting the same document again (twice) gives exactly the same rows.
    const before = projected();
    server.services.afspraken.project(caseId, room.doc);
    server.services.afspraken.project(caseId, room.doc);
    expect(projected()).toEqual(before);
  });
});
