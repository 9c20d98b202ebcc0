import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { runDailySnapshots } from '../jobs/dailySnapshots.server';
import { addItem, setText } from '../../app/domain/items';
import { renderKaart } from '../../app/domain/kaart';
import { renderPlan } from '../../app/domain/plan';
import { ensureDemoCase } from '../demo/demoCase.server';
import { seedDemoContent } from '../demo/demoContent.server';
import { connectClient, waitFor, waitSynced, type Client } from '../../tests/support/syncClient';
import { startTestServer, type TestServer } from '../../tests/support/testServer';

let server: TestServer;
let caseId: string;
let ids: Record<string, string>;
let parentCookie: string;
const clients: Client[] = [];
const sophie = () => ({ participantId: ids.jeugdbeschermer!, name: 'Sophie Jansen', role: 'Jeugdbeschermer' });

beforeAll(async () => {
  server = await startTestServer({ sync: { upgradesPerSecond: 0 } });
  ({ caseId, participantIds: ids } = await ensureDemoCase(server.services.db));
  seedDemoContent(server.services, caseId, ids);
  parentCookie = (await server.services.auth.createParticipantSession(ids.moeder!)).split(';')[0]!;
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server.stop();
});

describe('snapshots', () => {
  it('equal the live documents at that moment; a later edit does not change them', async () => {
    const id = server.services.commands.makeSnapshot(
      { caseId, participantId: ids.jeugdbeschermer! },
      { label: 'Na netwerkberaad', reason: 'sessie' },
    ).snapshotId;
    const snap = server.services.snapshots.get(caseId, id)!;
    const live = server.services.sync.room(caseId, 'kaart').doc;
    const fromState = new Y.Doc();
    Y.applyUpdate(fromState, snap.states.kaart);
    expect(renderKaart(fromState)).toEqual(renderKaart(live));
    expect(snap.rendering.kaart).toEqual(renderKaart(live));
    expect(snap.rendering.scores[ids.moeder!]).toEqual({ name: 'Linda Bakker', score: 6 });

    server.services.sync
      .room(caseId, 'kaart')
      .applyServerChange({ participantId: ids.jeugdbeschermer!, connectionId: null }, (doc) =>
        addItem(doc, sophie(), { section: 'stappen', fields: { text: 'Na de versie toegevoegd' } }),
      );
    const again = server.services.snapshots.get(caseId, id)!;
    expect(again.rendering).toEqual(snap.rendering);
    expect(Buffer.compare(again.states.kaart, snap.states.kaart)).toBe(0);
  });

  it('cannot be edited or deleted, not even directly in the database', () => {
    const sqlite = server.services.database.sqlite;
    expect(() => sqlite.prepare("update snapshots set label = 'vervalst'").run()).toThrow(/immutable/);
    expect(() => sqlite.prepare('delete from snapshots').run()).toThrow(/immutable/);
  });

  it('restores: a voor-herstel snapshot first, then the old content as a new attributed change that connected clients receive', async () => {
    const target = server.services.commands.makeSnapshot(
      { caseId, participantId: ids.jeugdbeschermer! },
      { label: 'Goede versie', reason: 'handmatig' },
    ).snapshotId;
    const watcher = connectClient(server.url, parentCookie, `${caseId}/plan`);
    clients.push(watcher);
    await waitSynced(watcher);
    // Someone changes the plan afterwards.
    const plan = server.services.sync.room(caseId, 'plan');
    const firstId = renderPlan(plan.doc).sections.afspraken![0]!.id;
    plan.applyServerChange({ participantId: ids.moeder!, connectionId: null }, (doc) =>
      setText(doc, firstId, 'wat', 'Helemaal anders opgeschreven', { participantId: ids.moeder!, name: 'Linda Bakker', role: 'Ouder / verzorger' }),
    );
    await waitFor(() => renderPlan(watcher.doc).sections.afspraken![0]!.fields.wat === 'Helemaal anders opgeschreven');
    const logBefore = (server.services.database.sqlite.prepare('select max(id) as id from updates').get() as { id: number }).id;

    const beforeId = server.services.commands.restoreSnapshot({ caseId, participantId: ids.casusregisseur! }, { snapshotId: target }).beforeSnapshotId;
    const list = server.services.snapshots.list(caseId);
    expect(list[0]).toMatchObject({ id: beforeId, reason: 'voor-herstel', authorParticipantId: ids.casusregisseur });
    const snap = server.services.snapshots.get(caseId, target)!;
    expect(renderPlan(plan.doc)).toEqual(snap.rendering.plan);
    await waitFor(() => JSON.stringify(renderPlan(watcher.doc)) === JSON.stringify(snap.rendering.plan), 3000, 'client converged');
    await waitFor(() => (server.services.database.sqlite.prepare('select count(*) as n from updates where id > ?').get(logBefore) as { n: number }).n > 0);
    const authors = server.services.database.sqlite.prepare('select distinct participant_id as p from updates where id > ?').all(logBefore) as { p: string }[];
    expect(authors).toEqual([{ p: ids.casusregisseur }]);
    // The voor-herstel snapshot holds the text from before the restore: the restore can be undone.
    expect(server.services.snapshots.get(caseId, beforeId)!.rendering.plan.sections.afspraken![0]!.fields.wat).toBe('Helemaal anders opgeschreven');
  });

  it('takes a daily snapshot of a case that changed since its last snapshot, once', async () => {
    await new Promise((r) => setTimeout(r, 5));
    const persisted = server.services.sync.metrics.updatesPersisted;
    server.services.sync
      .room(caseId, 'kaart')
      .applyServerChange({ participantId: ids.jeugdbeschermer!, connectionId: null }, (doc) =>
        addItem(doc, sophie(), { section: 'stappen', fields: { text: 'Voor de dagelijkse versie' } }),
      );
    await waitFor(() => server.services.sync.metrics.updatesPersisted > persisted);
    const later = Date.now() + 25 * 3600_000;
    expect(runDailySnapshots(server.services, later)).toBe(1);
    expect(server.services.snapshots.list(caseId)[0]).toMatchObject({ reason: 'dagelijks', authorParticipantId: null });
    expect(runDailySnapshots(server.services, later)).toBe(0);
  });
});

describe('version permissions over HTTP', () => {
  it('family and meelezer can view versions and the diff; only jeugdbeschermer/casusregisseur restore; professionals make versions', async () => {
    const { login, postForm, get } = await import('../../tests/support/testServer');
    const { addParticipantFixture, createCaseFixture, createProfessionalFixture } = await import('../../tests/support/fixtures');
    const reader = await createProfessionalFixture(server.services.db, 'Mees Meelezer');
    addParticipantFixture(server.services.db, caseId, { role: 'meelezer', userId: reader.id });
    const meelezer = await login(server.url, reader.email, reader.password);
    const target = server.services.snapshots.list(caseId)[0]!.id;
    const data = `?_data=${encodeURIComponent('routes/casussen.$caseId.versies')}`;
    for (const cookie of [parentCookie, meelezer]) {
      expect((await get(server.url, `/casussen/${caseId}/versies?van=${target}&naar=nu`, cookie)).status).toBe(200);
      expect((await postForm(server.url, `/casussen/${caseId}/versies${data}`, { intent: 'restore', snapshotId: target }, { Cookie: cookie })).status).toBe(
        403,
      );
      expect(
        (await postForm(server.url, `/casussen/${caseId}/versies${data}`, { intent: 'snapshot', label: 'Mag niet', reason: 'handmatig' }, { Cookie: cookie }))
          .status,
      ).toBe(403);
    }
    expect((await get(server.url, `/casussen/${caseId}/versies?versie=bestaat-niet`, parentCookie)).status).toBe(404);

    // Another professional (wijkteam) makes versions but cannot restore one; the jeugdbeschermer can.
    const wijkteam = await createProfessionalFixture(server.services.db, 'Wim Wijkteam');
    addParticipantFixture(server.services.db, caseId, { role: 'professional', userId: wijkteam.id });
    const wijkteamCookie = await login(server.url, wijkteam.email, wijkteam.password);
    const made = await postForm(
      server.url,
      `/casussen/${caseId}/versies${data}`,
      { intent: 'snapshot', label: 'Van het wijkteam', reason: 'handmatig' },
      { Cookie: wijkteamCookie },
    );
    expect(made.status).toBe(200);
    expect(server.services.snapshots.list(caseId)[0]!.label).toBe('Van het wijkteam');
    expect(
      (await postForm(server.url, `/casussen/${caseId}/versies${data}`, { intent: 'restore', snapshotId: target }, { Cookie: wijkteamCookie })).status,
    ).toBe(403);
    const jb = (await server.services.auth.createParticipantSession(ids.jeugdbeschermer!)).split(';')[0]!;
    const restored = await postForm(server.url, `/casussen/${caseId}/versies${data}`, { intent: 'restore', snapshotId: target }, { Cookie: jb });
    expect(restored.status).toBe(204); // a redirect, as Remix answers it for a data request
    // A version of another case cannot be restored (or opened) here.
    const other = createCaseFixture(server.services.db, wijkteam.id, 'Gezin Anders');
    const foreign = server.services.commands.makeSnapshot(
      { caseId: other.caseId, participantId: Object.values(other.participantIds)[0]! },
      { label: 'Andere casus', reason: 'handmatig' },
    ).snapshotId;
    expect((await postForm(server.url, `/casussen/${caseId}/versies${data}`, { intent: 'restore', snapshotId: foreign }, { Cookie: jb })).status).toBe(404);
    expect((await get(server.url, `/casussen/${caseId}/versies?versie=${foreign}`, jb)).status).toBe(404);
  });
});
