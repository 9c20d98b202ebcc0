/**
 * The services of one running Veiligplan: created once by the server and
 * handed to Remix loaders/actions through the load context, so the HTTP side
 * and the sync side share one database handle and one auth.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle, Db } from '../db/database.server';
import { settings } from '../db/schema';
import { createAuth, type Auth } from './auth/auth.server';
import { caseQueries, type CaseQueries } from './cases/cases.server';
import type { SyncOptions } from './sync/options';
import { createSyncServer, type SyncServer } from './sync/syncServer.server';
import { createAfsprakenProjection } from './projections/afspraken.server';
import { scoreService, type ScoreService } from './scores/scaleScores.server';
import { createAudit, type Audit } from './audit/audit.server';
import { createLinks, type Links } from './links/links.server';
import { createAccess, type Access } from './access/access.server';
import { KeyedLimiter } from './sync/limits.server';
import { createSnapshots, type Snapshots } from './snapshots/snapshots.server';
import { createAcceptance, type Acceptance } from './acceptance/acceptance.server';

export interface ServerConfig {
  /** Public origin (e.g. https://veiligplan.example.nl) when behind a proxy. */
  publicUrl?: string;
  /** Cookie signing secret; generated once and kept in the database when absent. */
  sessionSecret?: string;
  /** Overrides of the sync engine's limits (tests, benchmarks). */
  sync?: Partial<SyncOptions>;
  /** Personal-link openings and code attempts per IP (default burst 20, then one per 5 s). */
  linkAttempts?: { burst: number; perSecond: number };
}

export interface Services {
  db: Db;
  database: DatabaseHandle;
  auth: Auth;
  cases: CaseQueries;
  sync: SyncServer;
  scores: ScoreService;
  audit: Audit;
  links: Links;
  access: Access;
  linkLimiter: KeyedLimiter;
  afspraken: ReturnType<typeof createAfsprakenProjection>;
  snapshots: Snapshots;
  acceptance: Acceptance;
  config: ServerConfig;
}

function storedSecret(db: Db): string {
  const existing = db.select().from(settings).where(eq(settings.key, 'session_secret')).get();
  if (existing) return existing.value;
  const value = randomBytes(32).toString('base64url');
  db.insert(settings).values({ key: 'session_secret', value }).onConflictDoNothing().run();
  return db.select().from(settings).where(eq(settings.key, 'session_secret')).get()!.value;
}

export function createServices(database: DatabaseHandle, config: ServerConfig): Services {
  const secret = config.sessionSecret || storedSecret(database.db);
  const secure = config.publicUrl?.startsWith('https:') ?? false;
  const auth = createAuth(database.db, { secret, secure });
  const cases = caseQueries(database.db);
  const afsprakenProjection = createAfsprakenProjection(database.sqlite);
  const sync = createSyncServer(
    {
      sqlite: database.sqlite,
      auth,
      cases,
      publicUrl: config.publicUrl,
      onDocumentChanged: (room) => {
        if (room.document === 'plan') afsprakenProjection.project(room.caseId, room.doc);
      },
    },
    config.sync,
  );
  // Scores live in SQLite; the kaart document only carries a "changed" stamp so open pages refresh them.
  const scores = scoreService(database.db, (caseId, participantId) =>
    sync.room(caseId, 'kaart').applyServerChange({ participantId, connectionId: null }, (doc) => doc.getMap('meta').set('scoresChangedAt', Date.now())),
  );
  const audit = createAudit(database.sqlite);
  const links = createLinks(database.sqlite);
  const access = createAccess({ db: database.db, sync, audit, links });
  /** Personal-link openings and code attempts per IP. */
  const linkLimiter = new KeyedLimiter(config.linkAttempts?.burst ?? 20, config.linkAttempts?.perSecond ?? 0.2);
  const snapshots = createSnapshots({ sqlite: database.sqlite, sync, cases, scores, audit });
  const acceptance = createAcceptance({ sqlite: database.sqlite, snapshots, sync, cases });
  return { db: database.db, database, auth, cases, sync, scores, audit, links, access, linkLimiter, afspraken: afsprakenProjection, snapshots, acceptance, config };
}
