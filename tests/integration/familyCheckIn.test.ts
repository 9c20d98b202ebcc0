/**
 * The family home's check-in form over real HTTP, as a netwerklid signed in
 * with her own session (the demo's oma Riet): her afspraak and her
 * veiligheidsnetwerk task show with the day due, she reports "niet gelukt"
 * with a reason, the answer carries her "x van de y", the home shows it, and
 * the same form naming someone else is refused (403).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { afspraken, scheduleOf } from '../../app/domain/plan';
import { latestOccurrence } from '../../app/domain/recurrence';
import { todayIso } from '../../server/cases/regie.server';
import { ensureDemoCase } from '../../server/demo/demoCase.server';
import { seedDemoContent } from '../../server/demo/demoContent.server';
import { get, postForm, startTestServer, type TestServer } from '../support/testServer';

let server: TestServer;
let caseId: string;
let ids: Record<string, string>;
let riet: string;
const data = `_data=${encodeURIComponent('routes/casussen.$caseId._index')}`;

beforeAll(async () => {
  server = await startTestServer();
  ({ caseId, participantIds: ids } = await ensureDemoCase(server.services.db));
  seedDemoContent(server.services, caseId, ids);
  riet = (await server.services.auth.createParticipantSession(ids.oma!)).split(';')[0]!;
});
afterAll(() => server.stop());

const home = async () =>
  (await (await get(server.url, `/casussen/${caseId}?${data}`, riet)).json()) as {
    mijnAfspraken: { id: string; kind: string; due: string | null; own: unknown }[];
  };
const post = (fields: Record<string, string>) => postForm(server.url, `/casussen/${caseId}?index&${data}`, fields, { Cookie: riet });

describe('check-in from the family home', () => {
  it('lets a netwerklid report on her own afspraak in one post, and refuses reporting for someone else', async () => {
    const afspraak = afspraken(server.services.sync.room(caseId, 'plan').doc).find((a) => a.kind === 'afspraak' && a.wie.includes(ids.oma!))!;
    const schedule = scheduleOf(afspraak)!;
    const due = latestOccurrence(schedule.recurrence, schedule.start, todayIso())!;

    const before = await home();
    expect(before.mijnAfspraken.map((a) => a.kind)).toEqual(['afspraak', 'netwerk']);
    expect(before.mijnAfspraken[0]).toMatchObject({ id: afspraak.id, due, own: { reported: null, summary: 'Nog niet gemeld' } });

    const res = await post({ intent: 'check-in', afspraakId: afspraak.id, occurrence: due, result: 'niet-gelukt', toelichting: 'Daan was ziek thuis' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      saved: 'Je melding is bewaard.',
      reported: { result: 'niet-gelukt', toelichting: 'Daan was ziek thuis' },
      summary: '0 van de 1 keer gelukt',
    });
    expect((await home()).mijnAfspraken[0]).toMatchObject({ own: { reported: { result: 'niet-gelukt' }, summary: '0 van de 1 keer gelukt' } });

    const forOther = await post({ intent: 'check-in', afspraakId: afspraak.id, occurrence: due, result: 'gelukt', forParticipantId: ids.buurvrouw! });
    expect(forOther.status).toBe(403);
    expect(((await forOther.json()) as { error: string }).error).toBe('Alleen een professional kan iets melden namens iemand anders.');
    const future = await post({ intent: 'check-in', afspraakId: afspraak.id, occurrence: '2099-01-02', result: 'gelukt' });
    expect(future.status).toBe(400);
  });
});
