/**
 * `npm run bench:dashboard` — Mijn overzicht, server-side (SPEC §5): builds a
 * SQLite database in a temp dir with the real migrations (openDatabase)
 * holding 10,000 cases, 200,000 afspraken (projection rows with start dates
 * and recurrences), a year of weekly check-ins for them, 100,000 scale scores,
 * plus case events, document updates, akkoord requests, a few open
 * overdrachten and absences; two professionals, one in 20 cases and one in
 * 200. It then calls mijnOverzicht() directly (warm, BENCH_RUNS runs each) and
 * reports p50/p95 against the bars (≤ 50 ms p95 for 20 cases, ≤ 250 ms for
 * 200), and prints EXPLAIN QUERY PLAN of every query the function runs.
 * Invariant: every figure comes from this one run on this one database; the
 * temp dir is removed at the end. Data are fictional and seeded (repeatable).
 *
 * Env:
 *   BENCH_SCALE=1            fraction of the data set (0.05 for a smoke run)
 *   BENCH_CHECKIN_WEEKS=52   weeks of check-ins per afspraak
 *   BENCH_RUNS=100           measured runs per professional (after 10 warm-up runs)
 *   BENCH_DB=path            keep the database at this path (and reuse it when it exists: no build)
 *   BENCH_CACHE_MB=n         experiment: page cache and mmap of n MB on the bench connection
 *                            (openDatabase leaves SQLite's default 2 MB cache and no mmap)
 */
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addDaysIso } from '../app/domain/recurrence';
import { openDatabase } from '../db/database.server';
import { todayIso } from '../server/cases/regie.server';
import { mijnOverzicht, overzichtQueries } from '../server/dashboard/mijnOverzicht.server';

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const SCALE = num('BENCH_SCALE', 1);
const CASES = Math.round(10_000 * SCALE);
const AFSPRAKEN_PER_CASE = 20; // 200,000 at scale 1
const SCORES_PER_CASE = 10; // 100,000 at scale 1
const EVENTS_PER_CASE = 6;
const UPDATES_PER_CASE = 30;
const CHECKIN_WEEKS = Math.round(num('BENCH_CHECKIN_WEEKS', 52));
const RUNS = Math.round(num('BENCH_RUNS', 100));
const DAY = 86_400_000;

/** Seeded PRNG (mulberry32): the same data set every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = prng(20270315);
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;
const int = (min: number, max: number) => min + Math.floor(rnd() * (max - min + 1));

const kept = process.env.BENCH_DB;
const reuse = Boolean(kept && existsSync(kept));
const dir = kept ? null : mkdtempSync(join(tmpdir(), 'veiligplan-bench-dashboard-'));
const handle = openDatabase(kept ?? join(dir!, 'bench.sqlite'));
const { sqlite, db } = handle;
const CACHE_MB = Math.round(num('BENCH_CACHE_MB', 0));
if (CACHE_MB > 0) {
  sqlite.pragma(`cache_size = -${CACHE_MB * 1024}`);
  sqlite.pragma(`mmap_size = ${CACHE_MB * 1024 * 1024}`);
}
const now = Date.now();
const today = todayIso(now);

function build() {
  sqlite.pragma('synchronous = OFF');
  sqlite.pragma('foreign_keys = OFF'); // the generator keeps references right; checks are switched back on below
  const ins = {
    org: sqlite.prepare('insert into organisations (id, name, created_at) values (?, ?, ?)'),
    user: sqlite.prepare('insert into users (id, organisation_id, email, name, password_hash, created_at) values (?, ?, ?, ?, ?, ?)'),
    case: sqlite.prepare(
      `insert into cases (id, organisation_id, title, kader, stage, next_evaluation_date, scale_question, created_at) values (?, ?, ?, 'vrijwillig', ?, ?, 'Hoe veilig?', ?)`,
    ),
    regisseur: sqlite.prepare('update cases set casusregisseur_id = ? where id = ?'),
    participant: sqlite.prepare('insert into participants (id, case_id, user_id, role, name, created_at, last_visit_at) values (?, ?, ?, ?, ?, ?, ?)'),
    afspraak: sqlite.prepare(
      `insert into afspraken (case_id, id, position, wat, wanneer, hoe_weten_we, wat_als_niet, wie, voortgang, projected_at, kind, start_date, recurrence, review_date)
       values (?, ?, ?, ?, '', '', '', ?, '', ?, 'afspraak', ?, ?, ?)`,
    ),
    checkIn: sqlite.prepare(
      'insert into check_ins (case_id, afspraak_id, occurrence, participant_id, result, toelichting, recorded_by_id, created_at) values (?, ?, ?, ?, ?, null, ?, ?)',
    ),
    score: sqlite.prepare('insert into scale_scores (case_id, participant_id, score, explanation, created_at) values (?, ?, ?, null, ?)'),
    event: sqlite.prepare(
      `insert into case_events (case_id, at, type, actor_participant_id, field, old_value, new_value) values (?, ?, 'fact-changed', ?, 'nextEvaluationDate', '"a"', '"b"')`,
    ),
    update: sqlite.prepare('insert into updates (case_id, document, participant_id, received_at, bytes, "update") values (?, ?, ?, ?, 8, ?)'),
    snapshot: sqlite.prepare(
      `insert into snapshots (id, case_id, label, reason, author_participant_id, created_at, kaart_state, plan_state, bodemeisen_state, rendering) values (?, ?, 'Plan', 'akkoord', ?, ?, ?, ?, ?, '{}')`,
    ),
    request: sqlite.prepare('insert into acceptance_requests (id, case_id, snapshot_id, requested_by_id, created_at) values (?, ?, ?, ?, ?)'),
    answer: sqlite.prepare('insert into acceptances (request_id, participant_id, agreed, comment, created_at) values (?, ?, ?, null, ?)'),
    overdracht: sqlite.prepare(
      `insert into overdrachten (id, case_id, from_participant_id, to_participant_id, situatie, open_afspraken_risicos, gezin_belangrijk, volgende_stappen, family_summary, snapshot_id, overlap_until, started_by_id, started_at)
       values (?, ?, ?, ?, 's', 'r', 'g', 'v', 'f', ?, ?, ?, ?)`,
    ),
    absence: sqlite.prepare(
      'insert into absences (id, case_id, participant_id, stand_in_participant_id, from_date, until_date, created_by_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
  };
  const tiny = Buffer.from([0, 0, 0, 0, 0, 0, 0, 0]);
  const counts = { participants: 0, afspraken: 0, checkIns: 0, scores: 0, events: 0, updates: 0, requests: 0 };

  sqlite.transaction(() => {
    const org = randomUUID();
    ins.org.run(org, 'GI Benchregio', now);
    const user = (name: string) => {
      const id = randomUUID();
      ins.user.run(id, org, `${id}@bench.veiligplan.nl`, name, 'x', now);
      return id;
    };
    const small = user('Bench Twintig'); // in 20 cases
    const large = user('Bench Tweehonderd'); // in 200 cases
    const pool = Array.from({ length: Math.max(10, Math.round(CASES / 20)) }, (_, i) => user(`Professional ${i}`));
    const smallCases = new Set<number>();
    const largeCases = new Set<number>();
    while (smallCases.size < Math.min(20, CASES)) smallCases.add(int(0, CASES - 1));
    while (largeCases.size < Math.min(200, CASES)) largeCases.add(int(0, CASES - 1));
    const recurrences = ['dagelijks', 'weken:2', 'eenmalig', 'wekelijks:3', 'wekelijks:3,5', 'wekelijks:1,4', 'wekelijks:6'];

    for (let i = 0; i < CASES; i++) {
      const caseId = randomUUID();
      const createdAt = now - int(60, 700) * DAY;
      ins.case.run(
        caseId,
        org,
        `Gezin Bench ${i}`,
        pick(['kennismaking', 'veiligheidsplan', 'uitvoering', 'uitvoering']),
        addDaysIso(today, int(-20, 90)),
        createdAt,
      );
      const person = (userId: string | null, role: string, name: string | null) => {
        const id = randomUUID();
        ins.participant.run(id, caseId, userId, role, name, createdAt, rnd() < 0.8 ? now - int(0, 40) * DAY - int(0, 86_000) * 1000 : null);
        counts.participants++;
        return id;
      };
      const first = int(0, pool.length - 1);
      const regisseur = person(pool[first]!, 'professional', null);
      const pros = [regisseur, person(pool[(first + int(1, pool.length - 1)) % pool.length]!, 'jeugdbeschermer', null)];
      if (smallCases.has(i)) pros.push(person(small, 'professional', null));
      if (largeCases.has(i)) pros.push(person(large, i % 3 === 0 ? 'jeugdbeschermer' : 'professional', null));
      const family = [
        person(null, 'ouder', 'Ouder A'),
        person(null, 'ouder', 'Ouder B'),
        person(null, 'netwerklid', 'Netwerk C'),
        person(null, 'netwerklid', 'Netwerk D'),
      ];
      ins.regisseur.run(regisseur, caseId);

      for (let a = 0; a < AFSPRAKEN_PER_CASE; a++) {
        const id = randomUUID();
        const start = addDaysIso(today, -int(0, 400));
        const recurrence = pick(recurrences);
        const owners = rnd() < 0.05 ? [] : rnd() < 0.6 ? [pick(family)] : [family[0]!, pick(family.slice(1))];
        ins.afspraak.run(caseId, id, a, `Afspraak ${a}`, JSON.stringify(owners), now, start, recurrence, addDaysIso(start, 90));
        counts.afspraken++;
        if (owners.length === 0) continue;
        // Weekly check-ins for up to a year, on the start's weekday, most weeks reported.
        for (let w = 0; w < CHECKIN_WEEKS; w++) {
          const occurrence = addDaysIso(start, 7 * w);
          if (occurrence >= today) break;
          if (rnd() < 0.15) continue;
          const owner = pick(owners);
          const at = Date.parse(`${occurrence}T18:00:00Z`) + int(0, 36) * 3_600_000;
          ins.checkIn.run(caseId, id, occurrence, owner, rnd() < 0.7 ? 'gelukt' : rnd() < 0.5 ? 'deels' : 'niet-gelukt', owner, Math.min(at, now));
          counts.checkIns++;
        }
      }
      const scorers = [...family, ...pros];
      for (let s = 0; s < SCORES_PER_CASE; s++) {
        ins.score.run(caseId, pick(scorers), int(1, 9), createdAt + Math.floor(((now - createdAt) * (s + 1)) / (SCORES_PER_CASE + 1)));
        counts.scores++;
      }
      for (let e = 0; e < EVENTS_PER_CASE; e++) {
        ins.event.run(caseId, createdAt + Math.floor(((now - createdAt) * (e + 1)) / (EVENTS_PER_CASE + 1)), pick(pros));
        counts.events++;
      }
      for (let u = 0; u < UPDATES_PER_CASE; u++) {
        ins.update.run(
          caseId,
          pick(['kaart', 'plan', 'plan', 'bodemeisen']),
          pick([...family, ...pros]),
          createdAt + Math.floor(((now - createdAt) * (u + 1)) / (UPDATES_PER_CASE + 1)),
          tiny,
        );
        counts.updates++;
      }
      if (rnd() < 0.4) {
        const snapshot = randomUUID();
        ins.snapshot.run(snapshot, caseId, regisseur, now - int(1, 60) * DAY, tiny, tiny, tiny);
        const request = randomUUID();
        ins.request.run(request, caseId, snapshot, regisseur, now - int(1, 60) * DAY);
        counts.requests++;
        for (const p of [...family, ...pros]) if (rnd() < 0.6) ins.answer.run(request, p, rnd() < 0.85 ? 1 : 0, now - int(0, 20) * DAY);
        if (rnd() < 0.05) {
          ins.overdracht.run(randomUUID(), caseId, regisseur, pros[1], snapshot, addDaysIso(today, 7), regisseur, now - 2 * DAY);
        }
      }
      if (rnd() < 0.03) ins.absence.run(randomUUID(), caseId, pros[1], regisseur, addDaysIso(today, -3), addDaysIso(today, 10), regisseur, now - 5 * DAY);
    }
    return { small, large };
  })();
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return counts;
}

function userByName(name: string): string {
  return (sqlite.prepare('select id from users where name = ?').get(name) as { id: string }).id;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function measure(userId: string) {
  for (let i = 0; i < 10; i++) mijnOverzicht(db, userId, now);
  const times: number[] = [];
  let cases = 0;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    cases = mijnOverzicht(db, userId, now).length;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { cases, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)! };
}

/** The queries of one call, by name, for plans and per-query timing. */
function namedQueries(userId: string) {
  const ids = mijnOverzicht(db, userId, now).map((c) => c.id);
  const q = overzichtQueries(db, userId, ids, today);
  const requestIds = q.akkoordRequests.all().map((r) => r.id);
  return [
    ['mine', q.mine],
    ['activity', q.activity],
    ['people', q.people],
    ['overdrachten', q.overdrachten],
    ['absences', q.absences],
    ['afspraken', q.afspraken],
    ['checkIns', q.checkIns],
    ['scores', q.scores],
    ['akkoordRequests', q.akkoordRequests],
    ['answers', q.answers(requestIds.length > 0 ? requestIds : ['-'])],
  ] as const;
}

/** Median time of each query alone (the rest of a call is JavaScript: grouping, occurrences, attention). */
function queryTimes(userId: string): string {
  return namedQueries(userId)
    .map(([name, query]) => {
      const times: number[] = [];
      for (let i = 0; i < 21; i++) {
        const t = performance.now();
        query.all();
        times.push(performance.now() - t);
      }
      return `${name} ${percentile(
        times.sort((a, b) => a - b),
        50,
      ).toFixed(1)}`;
    })
    .join(', ');
}

/** EXPLAIN QUERY PLAN of every query mijnOverzicht runs, as an indented tree; notes any full scan. */
function plans(userId: string): string[] {
  const out: string[] = [];
  for (const [name, query] of namedQueries(userId)) {
    const { sql, params } = query.toSQL();
    const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(params as unknown[])) as { id: number; parent: number; detail: string }[];
    const depth = new Map<number, number>([[0, 0]]);
    out.push(`${name}:`);
    for (const r of rows) {
      const d = (depth.get(r.parent) ?? 0) + 1;
      depth.set(r.id, d);
      const scan = /^SCAN (\w+)/.exec(r.detail);
      out.push(`${'  '.repeat(d)}${r.detail}${scan && !/USING (COVERING )?INDEX/.test(r.detail) ? '   <-- full scan' : ''}`);
    }
  }
  return out;
}

const t0 = performance.now();
const counts = reuse ? null : build();
const buildSeconds = (performance.now() - t0) / 1000;
const small = userByName('Bench Twintig');
const large = userByName('Bench Tweehonderd');
const rows = (table: string) => (sqlite.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;

console.log(`Dashboard benchmark (Mijn overzicht), ${new Date(now).toISOString()}`);
console.log(
  `node ${process.version}, SQLite ${(sqlite.prepare('select sqlite_version() as v').get() as { v: string }).v}, scale ${SCALE}, ${CACHE_MB > 0 ? `cache and mmap ${CACHE_MB} MB` : 'default SQLite cache (2 MB), no mmap'}`,
);
console.log(
  `${counts ? `built in ${buildSeconds.toFixed(1)} s` : `reused ${kept}`}: ${rows('cases')} cases, ${rows('participants')} participants, ${rows('afspraken')} afspraken, ${rows('check_ins')} check-ins, ${rows('scale_scores')} scores, ${rows('case_events')} case events, ${rows('updates')} updates, ${rows('acceptance_requests')} akkoord requests, ${rows('overdrachten')} overdrachten, ${rows('absences')} absences`,
);
const bars = [
  { who: 'professional in 20 cases', user: small, bar: 50 },
  { who: 'professional in 200 cases', user: large, bar: 250 },
];
for (const b of bars) {
  const r = measure(b.user);
  // A busy machine inflates every figure: the load is printed beside them.
  console.log(
    `  load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' / ')} on ${cpus().length} cores`,
  );
  console.log(`  median ms per query alone: ${queryTimes(b.user)}`);
  console.log(
    `${b.who}: ${r.cases} cases, ${RUNS} warm runs: p50 ${r.p50.toFixed(1)} ms, p95 ${r.p95.toFixed(1)} ms, max ${r.max.toFixed(1)} ms — bar p95 ≤ ${b.bar} ms: ${r.p95 <= b.bar ? 'met' : 'NOT met'}`,
  );
}
console.log('\nQuery plans (professional in 200 cases):');
for (const line of plans(large)) console.log(line);
handle.close();
if (dir) rmSync(dir, { recursive: true, force: true });
