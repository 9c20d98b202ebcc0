import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setText } from '../../app/domain/items';
import { renderPlan } from '../../app/domain/plan';
import { ensureDemoCase } from '../demo/demoCase.server';
import { seedDemoContent } from '../demo/demoContent.server';
import { login, postForm, startTestServer, type TestServer } from '../../tests/support/testServer';
import { DEMO_PROFESSIONALS } from '../demo/demoCase.server';

let server: TestServer;
let caseId: string;
let ids: Record<string, string>;
let parent: string;
let jb: string;
beforeAll(async () => {
  server = await startTestServer();
  ({ caseId, participantIds: ids } = await ensureDemoCase(server.services.db));
  seedDemoContent(server.services, caseId, ids);
  parent = (await server.services.auth.createParticipantSession(ids.moeder!)).split(';')[0]!;
  jb = await login(server.url, DEMO_PROFESSIONALS.jeugdbeschermer.email, DEMO_PROFESSIONALS.jeugdbeschermer.password);
});
afterAll(() => server.stop());

const path = `?_data=${encodeURIComponent('routes/casussen.$caseId.veiligheidsplan')}`;
const post = (cookie: string, fields: Record<string, string>) => postForm(server.url, `/casussen/${caseId}/veiligheidsplan${path}`, fields, { Cookie: cookie });
const answerOf = (participantId: string) => server.services.acceptance.view(caseId).answers.find((a) => a.participantId === participantId)!;

describe('acceptance of the veiligheidsplan', () => {
  it('is requested by a professional (a snapshot) and answered by each person for themselves only', async () => {
    expect((await post(parent, { intent: 'request-acceptance' })).status).toBe(403);
    expect((await post(jb, { intent: 'request-acceptance' })).status).toBe(200);
    const view = server.services.acceptance.view(caseId);
    expect(view.request).not.toBeNull();
    expect(server.services.snapshots.get(caseId, view.request!.snapshotId)!.reason).toBe('akkoord');

    // A crafted participantId is ignored: the answer is the parent's own.
    const res = await post(parent, { intent: 'answer', requestId: view.request!.id, agreed: 'ja', comment: 'Goed plan', participantId: ids.vader! });
    expect(res.status).toBe(200);
    expect(answerOf(ids.moeder!)).toMatchObject({ agreed: true, comment: 'Goed plan', forOlderVersion: false });
    expect(answerOf(ids.vader!)).toMatchObject({ agreed: null });
    expect((await post(parent, { intent: 'answer', requestId: view.request!.id, agreed: 'misschien' })).status).toBe(400);
    expect((await post(parent, { intent: 'answer', requestId: 'bestaat-niet', agreed: 'ja' })).status).toBe(404);
  });

  it('flags a plan that changed since the requested version, and shows an answer for an old version as such', async () => {
    expect(server.services.acceptance.view(caseId).planChangedSince).toBe(false);
    const plan = server.services.sync.room(caseId, 'plan');
    const first = renderPlan(plan.doc).sections.afspraken![0]!;
    plan.applyServerChange({ participantId: ids.jeugdbeschermer!, connectionId: null }, (doc) =>
      setText(doc, first.id, 'wanneer', 'Altijd als het nodig is', { participantId: ids.jeugdbeschermer!, name: 'Sophie Jansen', role: 'Jeugdbeschermer' }),
    );
    expect(server.services.acceptance.view(caseId).planChangedSince).toBe(true);
    await post(jb, { intent: 'request-acceptance' });
    const view = server.services.acceptance.view(caseId);
    expect(view.planChangedSince).toBe(false);
    expect(answerOf(ids.moeder!)).toMatchObject({ agreed: true, forOlderVersion: true });
  });
});
