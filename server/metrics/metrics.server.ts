/**
 * `/metrics` in the Prometheus text format (ADR 038), on a registry of our
 * own (never prom-client's global default), behind a bearer token.
 * Invariants: without METRICS_TOKEN the endpoint does not exist (404); the
 * token is compared in constant time; no label ever carries personal data or
 * an id (labels are a fixed vocabulary: refusal reasons, prom-client's own).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { OutboxSender } from '../outbox/sender.server';
import type { SyncServer } from '../sync/syncServer.server';

export interface MetricsDeps {
  sync: SyncServer;
  outbox: Pick<OutboxSender, 'stats'>;
}

/** Commit latency buckets (seconds): an fsync on a quiet disk is well under 1 ms, on a busy shared one 50–250 ms. */
export const COMMIT_BUCKETS = [0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/** Builds the registry: gauges are read at scrape time, the commit histogram is fed by the group commit. */
export function createMetricsRegistry(deps: MetricsDeps): Registry {
  const registry = new Registry();
  const { sync } = deps;
  const m = sync.metrics;
  const registers = [registry];

  new Gauge({
    name: 'veiligplan_sync_connections',
    help: 'Open live-sync WebSocket connections.',
    registers,
    collect() {
      let n = 0;
      for (const room of sync.rooms.values()) n += room.conns.size;
      this.set(n);
    },
  });
  new Gauge({
    name: 'veiligplan_sync_documents_loaded',
    help: 'Documents (rooms) loaded in memory.',
    registers,
    collect() {
      this.set(sync.rooms.size);
    },
  });
  const commit = new Histogram({
    name: 'veiligplan_sync_commit_duration_seconds',
    help: 'Duration of one group commit (one SQLite transaction and fsync for every update of an event-loop turn).',
    buckets: COMMIT_BUCKETS,
    registers,
  });
  m.onCommit = (ms) => commit.observe(ms / 1000);
  new Counter({
    name: 'veiligplan_sync_updates_persisted_total',
    help: 'Document updates made durable (use rate() for updates per second).',
    registers,
    collect() {
      this.reset();
      this.inc(m.updatesPersisted);
    },
  });
  new Counter({
    name: 'veiligplan_sync_updates_refused_total',
    help: 'Client updates refused, by reason (a schema rule, quota, too-large, read-only).',
    labelNames: ['reason'] as const,
    registers,
    collect() {
      this.reset();
      for (const [reason, n] of m.updatesRefusedByReason) this.inc({ reason }, n);
    },
  });
  new Counter({
    name: 'veiligplan_sync_write_failures_total',
    help: 'Group commits that failed (nothing of them was broadcast).',
    registers,
    collect() {
      this.reset();
      this.inc(m.writeFailures);
    },
  });
  new Counter({
    name: 'veiligplan_sync_upgrades_refused_total',
    help: 'WebSocket upgrades refused (not signed in, no access, rate limit).',
    registers,
    collect() {
      this.reset();
      this.inc(m.upgradesRefused);
    },
  });
  new Counter({
    name: 'veiligplan_sync_document_load_failures_total',
    help: 'Documents that could not be loaded from storage.',
    registers,
    collect() {
      this.reset();
      this.inc(m.documentLoadFailures);
    },
  });
  new Gauge({
    name: 'veiligplan_outbox_backlog',
    help: 'Outbox messages waiting to be sent (including those waiting for a retry).',
    registers,
    collect() {
      this.set(deps.outbox.stats().queued);
    },
  });
  new Gauge({
    name: 'veiligplan_outbox_in_doubt',
    help: 'Outbox messages stopped because they may have been sent before a crash: look at these by hand.',
    registers,
    collect() {
      this.set(deps.outbox.stats().inDoubt);
    },
  });
  collectDefaultMetrics({ register: registry, prefix: 'veiligplan_' });
  return registry;
}

const digest = (s: string) => createHash('sha256').update(s).digest();

/** True when the Authorization header carries exactly `Bearer <token>` (compared in constant time). */
export function bearerMatches(header: string | undefined, token: string): boolean {
  const given = /^Bearer (.+)$/.exec(header ?? '')?.[1] ?? '';
  // Hashing first gives equal lengths, so timingSafeEqual never leaks the token's length either.
  return timingSafeEqual(digest(given), digest(token)) && given.length > 0;
}

/**
 * The `/metrics` handler. Without a token: 404, as if there were no such
 * page, and no registry is built (no collectors run).
 */
export function metricsEndpoint(deps: MetricsDeps, token: string | undefined): RequestHandler {
  if (!token) {
    return (_req, res) => {
      res.status(404).type('text/plain; charset=utf-8').send('Niet gevonden.');
    };
  }
  const registry = createMetricsRegistry(deps);
  return (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!bearerMatches(req.headers.authorization, token)) {
      res.status(401).setHeader('WWW-Authenticate', 'Bearer').type('text/plain; charset=utf-8').send('Niet toegestaan.');
      return;
    }
    registry.metrics().then(
      (body) => {
        res.status(200).type(registry.contentType).send(body);
      },
      () => {
        res.status(500).type('text/plain; charset=utf-8').send('Er ging iets mis.');
      },
    );
  };
}
