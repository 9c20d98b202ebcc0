/** /metrics: absent without a token, refused with a wrong one, Prometheus text with the right one; refusals counted by reason. */
import { afterEach, describe, expect, it } from 'vitest';
import { caseWithEveryRole } from '../../tests/support/syncFixtures';
import { connectClient, waitFor, waitSynced, type Client } from '../../tests/support/syncClient';
import { startTestServer, type TestServer } from '../../tests/support/testServer';
import { bearerMatches } from './metrics.server';

const TOKEN = 'metrics-token-for-tests-only';
const servers: TestServer[] = [];
const clients: Client[] = [];

afterEach(async () => {
  for (const c of clients.splice(0)) c.destroy();
  for (const s of servers.splice(0)) await s.stop().catch(() => undefined);
});

async function serverWithToken(token: string | undefined) {
  const before = process.env.METRICS_TOKEN;
  if (token) process.env.METRICS_TOKEN = token;
  else delete process.env.METRICS_TOKEN;
  try {
    const server = await startTestServer({ sync: { upgradesPerSecond: 0 } });
    servers.push(server);
    return server;
  } finally {
    if (before === undefined) delete process.env.METRICS_TOKEN;
    else process.env.METRICS_TOKEN = before;
  }
}

const scrape = (server: TestServer, authorization?: string) =>
  fetch(new URL('/metrics', server.url), { headers: authorization ? { Authorization: authorization } : {} });

/** The value of one sample line (`name{labels} value`) in a scrape, or undefined. */
function sample(body: string, series: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('/metrics', () => {
  it('does not exist without METRICS_TOKEN (404), even with a bearer token', async () => {
    const server = await serverWithToken(undefined);
    expect((await scrape(server)).status).toBe(404);
    expect((await scrape(server, `Bearer ${TOKEN}`)).status).toBe(404);
  });

  it('refuses a missing or wrong token with 401', async () => {
    const server = await serverWithToken(TOKEN);
    for (const header of [undefined, 'Bearer ', `Bearer ${TOKEN}x`, `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`, TOKEN]) {
      const res = await scrape(server, header);
      expect(res.status, String(header)).toBe(401);
      expect(await res.text()).not.toContain('veiligplan_');
    }
  });

  it('answers Prometheus text with the token: sync, commit latency, refusals, outbox and process metrics; no case ids', async () => {
    const server = await serverWithToken(TOKEN);
    const { caseId, sessions } = await caseWithEveryRole(server);
    const jb = connectClient(server.url, sessions.jeugdbeschermer.cookie, `${caseId}/kaart`);
    clients.push(jb);
    await waitSynced(jb);

    const res = await scrape(server, `Bearer ${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/plain');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.text();
    for (const name of [
      'veiligplan_sync_connections',
      'veiligplan_sync_documents_loaded',
      'veiligplan_sync_commit_duration_seconds_bucket',
      'veiligplan_sync_updates_persisted_total',
      'veiligplan_sync_updates_refused_total',
      'veiligplan_outbox_backlog',
      'veiligplan_outbox_in_doubt',
      'veiligplan_process_resident_memory_bytes',
      'veiligplan_nodejs_heap_size_used_bytes',
    ])
      expect(body, name).toContain(name);
    expect(sample(body, 'veiligplan_sync_connections')).toBe(1);
    expect(sample(body, 'veiligplan_sync_documents_loaded')).toBe(1);
    expect(sample(body, 'veiligplan_outbox_backlog')).toBe(0);
    expect(body).not.toContain(caseId);
    expect(body).not.toContain(sessions.jeugdbeschermer.participantId);
  });

  it('counts a refused update under its reason, and a committed one in the commit histogram', async () => {
    const server = await serverWithToken(TOKEN);
    const { caseId, sessions } = await caseWithEveryRole(server);
    const body = async () => (await scrape(server, `Bearer ${TOKEN}`)).text();
    const before = await body();
    expect(sample(before, 'veiligplan_sync_updates_refused_total{reason="read-only"}')).toBeUndefined();

    // A meelezer may read the kaart but not write it: refused as read-only.
    const reader = connectClient(server.url, sessions.meelezer.cookie, `${caseId}/kaart`);
    // A writer's free-form top-level array breaks the document schema: refused by its rule.
    const writer = connectClient(server.url, sessions.jeugdbeschermer.cookie, `${caseId}/kaart`);
    clients.push(reader, writer);
    await Promise.all([waitSynced(reader), waitSynced(writer)]);
    reader.doc.getArray<string>('zorgen').push(['mag niet']);
    await waitFor(() => reader.denied.length > 0, 5000, 'read-only refusal');
    writer.doc.getArray<string>('zorgen').push(['past niet in het schema']);
    await waitFor(() => writer.denied.length > 0, 5000, 'schema refusal');

    const after = await body();
    expect(sample(after, 'veiligplan_sync_updates_refused_total{reason="read-only"}')).toBe(1);
    const rules = [...server.services.sync.metrics.updatesRefusedByReason.keys()].filter((r) => r !== 'read-only');
    expect(rules).toHaveLength(1);
    expect(sample(after, `veiligplan_sync_updates_refused_total{reason="${rules[0]}"}`)).toBe(1);

    // Something committed (the server's own item stamps or a valid write) shows in the histogram.
    const persisted = server.services.sync.metrics.updatesPersisted;
    const commits = sample(after, 'veiligplan_sync_commit_duration_seconds_count') ?? 0;
    expect(sample(after, 'veiligplan_sync_updates_persisted_total')).toBe(persisted);
    expect(commits).toBe(server.services.sync.metrics.commitBatches);
  });
});

describe('bearerMatches', () => {
  it('accepts exactly "Bearer <token>"', () => {
    expect(bearerMatches(`Bearer ${TOKEN}`, TOKEN)).toBe(true);
    expect(bearerMatches(`bearer ${TOKEN}`, TOKEN)).toBe(false);
    expect(bearerMatches(`Bearer ${TOKEN} `, TOKEN)).toBe(false);
    expect(bearerMatches(undefined, TOKEN)).toBe(false);
    expect(bearerMatches('Bearer ', TOKEN)).toBe(false);
  });
});
