/**
 * The composition root: the services of one running Veiligplan, created once
 * and handed to Remix loaders/actions through the load context, so the HTTP
 * side and the sync side share one database handle and one auth. Reads are
 * query objects; every write goes through `commands`. The hooks between
 * parts (afspraken projection after a plan change, refresh stamps after
 * scores and akkoord) are wired here and nowhere else.
 */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { DatabaseHandle, Db } from '../db/database.server';
import { settings } from '../db/schema';
import { createAcceptance, type Acceptance } from './acceptance/acceptance.server';
import { listAudit, refusalCounts } from './audit/audit.server';
import { logboekPage, type LogboekQuery } from './audit/logboek.server';
import { createAuth, type Auth } from './auth/auth.server';
import { besluitQueries, type BesluitQueries } from './cases/besluiten.server';
import { caseQueries, type CaseQueries } from './cases/cases.server';
import { overviewQueries, type OverviewQueries } from './cases/overview.server';
import { closingQueries, type ClosingQueries } from './cases/closing.server';
import { dashboardQueries, type DashboardQueries } from './dashboard/mijnOverzicht.server';
import { meetingQueries, type MeetingQueries } from './meetings/meetings.server';
import { bindCommands, type Commands } from './commands/index.server';
import { linkQueries, type Links } from './links/links.server';
import { createRefreshStamps } from './live/refreshStamps.server';
import { createAfsprakenProjection, type AfsprakenProjection } from './projections/afspraken.server';
import { projectOnChange } from './projections/trigger.server';
import { scoreQueries, type ScoreService } from './scores/scaleScores.server';
import { createSnapshots, type Snapshots } from './snapshots/snapshots.server';
import { KeyedLimiter } from './sync/limits.server';
import { clientAddress } from './http/clientAddress.server';
import type { SyncOptions } from './sync/options';
import { createSyncServer, type SyncServer } from './sync/syncServer.server';
import { createOutboxSender, type OutboxSender } from './outbox/sender.server';
import { createMailTransport, loggingSmsTransport, type MailSettings, type SmsTransport } from './outbox/transports.server';
import { notifyOnChange } from './notifications/onChange.server';
import { beheerQueries, type BeheerQueries } from './users/accounts.server';
import { createOidc, oidcSettingsFromEnv, type Oidc, type OidcSettings } from './auth/oidc.server';

export interface ServerConfig {
  /** Public origin (e.g. https://veiligplan.example.nl) when behind a proxy. */
  publicUrl?: string;
  /** Cookie signing secret; generated once and kept in the database when absent. */
  sessionSecret?: string;
  /** Overrides of the sync engine's limits (tests, benchmarks). */
  sync?: Partial<SyncOptions>;
  /** Personal-link openings and code attempts per IP (default burst 20, then one per 5 s). */
  linkAttempts?: { burst: number; perSecond: number };
  /** Where e-mail goes (SMTP or a folder); startServer fills it from the environment (server/outbox/transports.server.ts). */
  mail?: MailSettings;
  /** The SMS provider; default: a transport that only logs that an SMS went out. */
  sms?: SmsTransport;
  /** The outbox sender: poll interval (0 = no polling; tests run rounds themselves) and a test hook. */
  outbox?: { pollMs?: number; afterSend?: (rowId: number) => void };
  /** Behind one reverse proxy (TRUST_PROXY=1): limiters key on the last X-Forwarded-For entry (ADR 037). */
  trustProxy?: boolean;
  /** The organisation's OpenID Connect provider (ADR 032); default: from OIDC_* in the environment, null: none. */
  oidc?: OidcSettings | null;
}

export interface Services {
  db: Db;
  database: DatabaseHandle;
  auth: Auth;
  commands: Commands;
  cases: CaseQueries;
  /** The professional's Overzicht and the Logboek's case events (read only). */
  overview: OverviewQueries;
  besluiten: BesluitQueries;
  closing: ClosingQueries;
  /** Mijn overzicht: a professional's cases with what needs attention (read only). */
  dashboard: DashboardQueries;
  meetings: MeetingQueries;
  sync: SyncServer;
  scores: ScoreService;
  audit: {
    list: (caseId: string) => ReturnType<typeof listAudit>;
    /** The Logboek: sentences, views behind a filter, keyset paging (ADR 036). */
    logboek: (caseId: string, query?: LogboekQuery) => ReturnType<typeof logboekPage>;
    /** Anonymous refusals per day and kind (never in a case's log). */
    refusalCounts: (sinceDay: string) => ReturnType<typeof refusalCounts>;
  };
  links: Links;
  linkLimiter: KeyedLimiter;
  afspraken: AfsprakenProjection;
  snapshots: Snapshots;
  acceptance: Acceptance;
  /** The outbox sender (ADR 026): e-mail and SMS notifications, retries, stats of rows in doubt. */
  outbox: OutboxSender;
  config: ServerConfig;
  /** Beheer (issue 18): the organisation's team, invitations, where regie is vacant (read only). */
  beheer: BeheerQueries;
  /** Sign-in through the organisation's OpenID Connect provider, when configured (ADR 032). */
  oidc: Oidc | null;
}

function storedSecret(db: Db): string {
  const existing = db.select().from(settings).where(eq(settings.key, 'session_secret')).get();
  if (existing) return existing.value;
  const value = randomBytes(32).toString('base64url');
  db.insert(settings).values({ key: 'session_secret', value }).onConflictDoNothing().run();
  return db.select().from(settings).where(eq(settings.key, 'session_secret')).get()!.value;
}

export function createServices(database: DatabaseHandle, config: ServerConfig): Services {
  const { db } = database;
  const secret = config.sessionSecret || storedSecret(db);
  const secure = config.publicUrl?.startsWith('https:') ?? false;
  const auth = createAuth(db, { secret, secure });
  const cases = caseQueries(db);
  const afspraken = createAfsprakenProjection(db);
  const sync = createSyncServer(
    {
      sqlite: database.sqlite,
      auth,
      cases,
      publicUrl: config.publicUrl,
      onDocumentChanged: notifyOnChange(db, projectOnChange({ afspraken })),
      // A whole document read over /sync is a view (SPEC §4): one row per person per case per few minutes.
      onDocumentOpened: (grant, document) =>
        commands.recordCaseView({ caseId: grant.caseId, participantId: grant.participantId, sessionRef: grant.sessionRef }, document),
      clientAddress: (req) => clientAddress(req, config.trustProxy ?? false),
    },
    config.sync,
  );
  const snapshots = createSnapshots({ db, sync });
  const stamps = createRefreshStamps(sync);
  const commands = bindCommands({ db, sync, snapshots, stamps, auth });
  const oidcSettings = config.oidc === undefined ? oidcSettingsFromEnv(process.env) : config.oidc;
  return {
    db,
    database,
    auth,
    commands,
    cases,
    overview: overviewQueries(db),
    besluiten: besluitQueries(db),
    closing: closingQueries(db),
    dashboard: dashboardQueries(db),
    meetings: meetingQueries(db),
    sync,
    scores: scoreQueries(db),
    audit: {
      list: (caseId) => listAudit(db, caseId),
      logboek: (caseId, query) => logboekPage(db, caseId, query),
      refusalCounts: (sinceDay) => refusalCounts(db, sinceDay),
    },
    links: linkQueries(db),
    /** Personal-link openings and code attempts per IP. */
    linkLimiter: new KeyedLimiter(config.linkAttempts?.burst ?? 20, config.linkAttempts?.perSecond ?? 0.2),
    afspraken,
    snapshots,
    acceptance: createAcceptance({ db, snapshots, sync }),
    outbox: createOutboxSender({
      db,
      mail: createMailTransport(config.mail ?? { from: 'Veiligplan <noreply@veiligplan.invalid>', folder: 'data/mail' }),
      sms: config.sms ?? loggingSmsTransport(),
      afterSend: config.outbox?.afterSend,
    }),
    config,
    beheer: beheerQueries(db),
    oidc: oidcSettings ? createOidc(oidcSettings, { secret, secure }) : null,
  };
}
