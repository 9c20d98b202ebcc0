/**
 * Relational schema of Veiligplan (drizzle-orm, SQLite).
 *
 * Collaborative content (kaart, plan, bodemeisen) lives in Yjs documents and
 * is stored by the sync engine; this schema holds the relational facts:
 * organisations, professional accounts, sessions, cases, children and the
 * participants through whom anyone reaches a case.
 *
 * Timestamps are integer milliseconds since the epoch (UTC), typed as `number`
 * in the code (never `Date`), so rows and domain objects agree.
 */
import { sql } from 'drizzle-orm';
import { blob, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DRANG_SERVICES, KADERS, MAATREGEL_TYPES, STORED_ROLES, STAGES } from '../app/domain/caseFacts';
import { BESLUIT_KINDS, CASE_EVENT_TYPES } from '../app/domain/caseEvents';
import { CHECK_IN_RESULTS } from '../app/domain/checkIns';
import { SNAPSHOT_REASONS } from '../app/domain/versions';
import { AUDIT_TYPE_NAMES } from '../app/domain/audit';
import { DOCUMENTS } from '../app/domain/permissions';
import { MEETING_NOTE_KINDS } from '../app/domain/meeting';
import { OUTBOX_CHANNELS } from '../app/domain/notifications';
import { QUESTION_KINDS } from '../app/domain/questions';
import { CHILD_STORY_PARTS, HOUSES } from '../app/domain/childVoice';
import { DELETION_DECISIONS, GROUND_BASES } from '../app/domain/grondslag';

/** Milliseconds since the epoch (UTC), as a number everywhere in the code (one timestamp type). */
const ms = (name: string) => integer(name, { mode: 'number' });

const createdAt = () =>
  ms('created_at')
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`)
    .$defaultFn(() => Date.now());

export const organisations = sqliteTable('organisations', {
  id: text('id').primaryKey(),
  name: text('name').notNull().unique(),
  /** The organisation's out-of-hours number for the Bij nood block (an organisation setting). */
  outOfHoursPhone: text('out_of_hours_phone'),
  /** Age rules for the jeugdige (organisation settings, SPEC §2.6): an own personal link from this age. */
  childOwnLinkAge: integer('child_own_link_age').notNull().default(12),
  /** From this age the young person decides who sees their Drie Huizen. */
  childDecidesAge: integer('child_decides_age').notNull().default(16),
  /** The scale question a new case starts with (null: the built-in question). Beheer setting (issue 18). */
  defaultScaleQuestion: text('default_scale_question'),
  /** Months after closing after which a closed case is deleted by the daily job (issue 18, AVG). */
  retentionMonths: integer('retention_months').notNull().default(24),
  /** Whether professionals must use a second factor (TOTP) to reach client data (NEN 7510; issue 18). */
  requireSecondFactor: integer('require_second_factor', { mode: 'boolean' }).notNull().default(false),
  createdAt: createdAt(),
});

export const users = sqliteTable('users', {
  id: text('id').primaryKey(),
  organisationId: text('organisation_id')
    .notNull()
    .references(() => organisations.id),
  /** Always stored lower-cased and trimmed. */
  email: text('email').notNull().unique(),
  name: text('name').notNull(),
  phone: text('phone'),
  /** When the family can reach this professional ("ma–do 9–17 uur"), shown in the contact block. */
  availability: text('availability'),
  /** Whether the professional gets the daily digest e-mail (on by default; they can turn it off). */
  digest: integer('digest', { mode: 'boolean' }).notNull().default(true),
  /** argon2id PHC string, or NO_PASSWORD ('!') while an invited account has not set one (never verifies). */
  passwordHash: text('password_hash').notNull(),
  /** Organisation role (not a case role): manages accounts and organisation settings (issue 18). */
  isBeheerder: integer('is_beheerder', { mode: 'boolean' }).notNull().default(false),
  /** Set while the account is deactivated: no sign-in, no sessions, no sockets. */
  deactivatedAt: ms('deactivated_at'),
  /** Base32 TOTP secret once the professional set up a second factor (null: none). */
  totpSecret: text('totp_secret'),
  /** When the second factor was confirmed with a first valid code (null: not set up). */
  totpEnabledAt: ms('totp_enabled_at'),
  /** The last TOTP time step accepted for this account (null: none yet): a code is used at most once, also across restarts. */
  totpLastStep: integer('totp_last_step'),
  /** The `sub` of the organisation's OpenID Connect provider, once the account signed in that way. */
  oidcSubject: text('oidc_subject').unique(),
  createdAt: createdAt(),
});

/** Single-use recovery codes for a professional's second factor: only argon2id hashes are stored. */
export const recoveryCodes = sqliteTable(
  'recovery_codes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    createdAt: createdAt(),
    usedAt: ms('used_at'),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
);

/**
 * An invitation to set a password: a new account or a password reset by the
 * beheerder. Only a SHA-256 hash of the token is stored; single use, expires.
 */
export const accountInvitations = sqliteTable(
  'account_invitations',
  {
    id: text('id').primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    purpose: text('purpose', { enum: ['account', 'password'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    createdById: text('created_by_id').references(() => users.id),
    createdAt: createdAt(),
    expiresAt: ms('expires_at').notNull(),
    usedAt: ms('used_at'),
    /** A newer invitation (or deactivation) replaced this one. */
    revokedAt: ms('revoked_at'),
  },
  (t) => [index('account_invitations_user_idx').on(t.userId)],
);

/**
 * Server-side sessions. The cookie carries the session id (signed); the table
 * stores only its SHA-256 hash, so a copy of the database cannot be used to
 * take over sessions.
 */
export const sessions = sqliteTable(
  'sessions',
  {
    idHash: text('id_hash').primaryKey(),
    userId: text('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** Set for family/netwerk sessions opened through a personal link. */
    participantId: text('participant_id').references(() => participants.id, { onDelete: 'cascade' }),
    data: text('data').notNull().default('{}'),
    createdAt: createdAt(),
    expiresAt: ms('expires_at').notNull(),
    /** Set when access was ended (link revoked, participant removed): the session only shows the access-ended page. */
    endedAt: ms('ended_at'),
    /** Last request on this session (kept coarse: at most once a minute), for the list of devices. */
    lastSeenAt: ms('last_seen_at'),
    /** A short description of the device ("Chrome op Android"), never the full user agent. */
    device: text('device'),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_participant_idx').on(t.participantId)],
);

export const loginAttempts = sqliteTable(
  'login_attempts',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    /** Lower-cased e-mail as typed; never the password. */
    email: text('email').notNull(),
    ip: text('ip').notNull(),
    success: integer('success', { mode: 'boolean' }).notNull(),
    at: ms('at').notNull(),
  },
  (t) => [index('login_attempts_email_idx').on(t.email, t.at), index('login_attempts_ip_idx').on(t.ip, t.at)],
);

export const cases = sqliteTable(
  'cases',
  {
    id: text('id').primaryKey(),
    organisationId: text('organisation_id')
      .notNull()
      .references(() => organisations.id),
    title: text('title').notNull(),
    kader: text('kader', { enum: KADERS }).notNull(),
    maatregelType: text('maatregel_type', { enum: MAATREGEL_TYPES }),
    /** For kader `drang` (werken zonder maatregel): which service. */
    kaderService: text('kader_service', { enum: DRANG_SERVICES }),
    stage: text('stage', { enum: STAGES }).notNull(),
    /** ISO date (yyyy-mm-dd). */
    nextEvaluationDate: text('next_evaluation_date'),
    /**
     * The participant who holds regie: exactly one per case (database triggers
     * keep it a current participant of the case in a role that may hold
     * regie; it changes only through an overdracht, ADR 016).
     */
    casusregisseurId: text('casusregisseur_id'),
    /** When a parent holds regie: the professional beside them who holds the rights that come with regie (ADR 016). */
    regieProfessionalId: text('regie_professional_id'),
    /** The family's fixed contact person; may differ from the casusregisseur. */
    vastAanspreekpuntId: text('vast_aanspreekpunt_id'),
    scaleQuestion: text('scale_question').notNull(),
    /** Hides family/netwerk contact details from everyone but professionals. */
    safetyFlag: integer('safety_flag', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    /** Set while the case is closed (afgesloten): read-only for everyone. */
    closedAt: ms('closed_at'),
  },
  (t) => [index('cases_org_idx').on(t.organisationId)],
);

export const children = sqliteTable(
  'children',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    firstName: text('first_name').notNull(),
    birthYear: integer('birth_year').notNull(),
    /** The child's own participant record (role jeugdige), when the child takes part themself. */
    participantId: text('participant_id'),
    /** Whether the case's professionals see this child's Drie Huizen (the default; SPEC §2.6). */
    housesForProfessionals: integer('houses_for_professionals', { mode: 'boolean' }).notNull().default(true),
  },
  (t) => [index('children_case_idx').on(t.caseId)],
);

/**
 * A person in one case with one role. Professionals are linked to their user
 * account (name and contact details come from there); family and netwerk
 * participants carry their own name and contact details.
 */
export const participants = sqliteTable(
  'participants',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    userId: text('user_id').references(() => users.id),
    /** Never `casusregisseur`: that role is derived from the case's regie (ADR 016); a trigger refuses it. */
    role: text('role', { enum: STORED_ROLES }).notNull(),
    name: text('name'),
    /** Relation to the family ("oma", "buurvrouw") or function ("wijkteam"). */
    relation: text('relation'),
    phone: text('phone'),
    email: text('email'),
    createdAt: createdAt(),
    removedAt: ms('removed_at'),
    /** For "what changed since your last visit" on the family home view. */
    lastVisitAt: ms('last_visit_at'),
    /** A professional's task in this case ("gezinscoach", "gedragswetenschapper: advies bij besluiten"). */
    task: text('task'),
    /** ISO dates (yyyy-mm-dd) of the help this person gives in this case; `helpUntil` set = help ended. */
    helpFrom: text('help_from'),
    helpUntil: text('help_until'),
    /** What the ended help brought, in a line the family can read. */
    helpResult: text('help_result'),
  },
  (t) => [
    index('participants_case_idx').on(t.caseId),
    index('participants_user_idx').on(t.userId),
    uniqueIndex('participants_case_user_uq').on(t.caseId, t.userId),
  ],
);

/** Small key/value store for server settings (e.g. a generated cookie secret). */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * The durable, attributed log of every accepted Yjs update (V1 encoding), one
 * row per update, written before the update is broadcast. Rows are never
 * deleted by compaction: they carry the attribution that history needs.
 * `participant_id` is null for changes made by the server itself.
 */
export const updates = sqliteTable(
  'updates',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    document: text('document', { enum: DOCUMENTS }).notNull(),
    participantId: text('participant_id').references(() => participants.id),
    connectionId: text('connection_id'),
    receivedAt: ms('received_at').notNull(),
    bytes: integer('bytes').notNull(),
    update: blob('update', { mode: 'buffer' }).notNull(),
  },
  (t) => [index('updates_document_idx').on(t.caseId, t.document, t.id)],
);

/**
 * Re-encoded state of a document that includes every update up to and
 * including `up_to_update_id`. Loading = latest checkpoint + the log after it.
 */
export const checkpoints = sqliteTable(
  'checkpoints',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    document: text('document', { enum: DOCUMENTS }).notNull(),
    upToUpdateId: integer('up_to_update_id').notNull(),
    state: blob('state', { mode: 'buffer' }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('checkpoints_document_idx').on(t.caseId, t.document, t.id)],
);

/** Every scale score anyone gave, oldest first per person: the current score is the latest row. */
export const scaleScores = sqliteTable(
  'scale_scores',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    score: integer('score').notNull(),
    explanation: text('explanation'),
    /** The netwerkberaad whose scale round this score was given in (revealed there), if any. */
    meetingId: text('meeting_id').references(() => meetings.id),
    createdAt: createdAt(),
  },
  (t) => [index('scale_scores_case_idx').on(t.caseId, t.participantId, t.id)],
);

/**
 * Projection of the afspraken in each case's plan document (rebuilt from the
 * Yjs document, debounced and idempotent) so dashboards query SQLite.
 */
export const afspraken = sqliteTable(
  'afspraken',
  {
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    id: text('id').notNull(),
    position: integer('position').notNull(),
    wat: text('wat').notNull(),
    wanneer: text('wanneer').notNull(),
    hoeWetenWe: text('hoe_weten_we').notNull(),
    watAlsNiet: text('wat_als_niet').notNull(),
    /** JSON array of participant ids. */
    wie: text('wie').notNull(),
    voortgang: text('voortgang').notNull(),
    projectedAt: ms('projected_at').notNull(),
    /** `afspraak` (plan section afspraken) or `netwerk` (a veiligheidsnetwerk task; its owner is its persoon). */
    kind: text('kind', { enum: ['afspraak', 'netwerk'] })
      .notNull()
      .default('afspraak'),
    /** ISO date of the first (or only) occurrence; null = no date yet. */
    startDate: text('start_date'),
    /** Stored recurrence (app/domain/recurrence.ts); null = none. */
    recurrence: text('recurrence'),
    /** ISO date on which the afspraak itself is looked at again. */
    reviewDate: text('review_date'),
  },
  (t) => [primaryKey({ columns: [t.caseId, t.id] })],
);

/**
 * Personal links for family and netwerk participants. Only a SHA-256 hash of
 * the 256-bit token is stored; the optional toegangscode only as argon2id.
 */
export const personalLinks = sqliteTable(
  'personal_links',
  {
    id: text('id').primaryKey(),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    codeHash: text('code_hash'),
    failedCodeAttempts: integer('failed_code_attempts').notNull().default(0),
    createdById: text('created_by_id').references(() => participants.id),
    createdAt: createdAt(),
    expiresAt: ms('expires_at').notNull(),
    revokedAt: ms('revoked_at'),
    lastUsedAt: ms('last_used_at'),
  },
  (t) => [index('personal_links_participant_idx').on(t.participantId)],
);

/**
 * Append-only audit log: logins, link openings, case views, permission and
 * participant changes, snapshots and exports. Document edits are in `updates`.
 * Never holds tokens, passwords or codes.
 */
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    at: ms('at').notNull(),
    caseId: text('case_id'),
    type: text('type', { enum: AUDIT_TYPE_NAMES }).notNull(),
    actorParticipantId: text('actor_participant_id'),
    actorUserId: text('actor_user_id'),
    /** Short hash of the session id, to tell sessions apart without storing them. */
    sessionRef: text('session_ref'),
    subjectParticipantId: text('subject_participant_id'),
    detail: text('detail'),
  },
  (t) => [index('audit_case_idx').on(t.caseId, t.at)],
);

/**
 * Immutable snapshots of a whole case (a database trigger refuses updates and
 * deletes): the encoded state of each document, a JSON rendering (documents +
 * scale scores), label, reason, author and time.
 */
export const snapshots = sqliteTable(
  'snapshots',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    label: text('label').notNull(),
    reason: text('reason', { enum: SNAPSHOT_REASONS }).notNull(),
    authorParticipantId: text('author_participant_id').references(() => participants.id),
    createdAt: createdAt(),
    kaartState: blob('kaart_state', { mode: 'buffer' }).notNull(),
    planState: blob('plan_state', { mode: 'buffer' }).notNull(),
    bodemeisenState: blob('bodemeisen_state', { mode: 'buffer' }).notNull(),
    /** JSON: { kaart, plan, bodemeisen, scores } (see app/domain/diff.ts CaseRendering). */
    rendering: text('rendering').notNull(),
  },
  (t) => [index('snapshots_case_idx').on(t.caseId, t.createdAt)],
);

/** A request to agree to the veiligheidsplan as it is in one snapshot. */
export const acceptanceRequests = sqliteTable(
  'acceptance_requests',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id),
    snapshotId: text('snapshot_id')
      .notNull()
      .references(() => snapshots.id),
    requestedById: text('requested_by_id').references(() => participants.id),
    createdAt: createdAt(),
  },
  // Mijn overzicht reads the latest request of many cases at once (bench/README.md, Dashboard).
  (t) => [index('acceptance_requests_case_idx').on(t.caseId, t.createdAt)],
);

/** Answers (akkoord / niet akkoord); each person's latest answer per request counts, earlier ones stay. */
export const acceptances = sqliteTable(
  'acceptances',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id')
      .notNull()
      .references(() => acceptanceRequests.id),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    agreed: integer('agreed', { mode: 'boolean' }).notNull(),
    comment: text('comment'),
    createdAt: createdAt(),
  },
  (t) => [index('acceptances_request_idx').on(t.requestId, t.participantId)],
);

/**
 * The history of a case's facts (SPEC §2.4): one immutable row per change —
 * who, when, old → new, why — written in the same transaction as the change
 * itself (a database trigger refuses updates and deletes). `field` names the
 * fact; `old_value`/`new_value` are display-ready JSON values; `ref_id` points
 * at the overdracht, besluit, absence or snapshot the event belongs to.
 */
export const caseEvents = sqliteTable(
  'case_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    at: ms('at').notNull(),
    type: text('type', { enum: CASE_EVENT_TYPES }).notNull(),
    actorParticipantId: text('actor_participant_id').references(() => participants.id),
    subjectParticipantId: text('subject_participant_id').references(() => participants.id),
    field: text('field'),
    oldValue: text('old_value'),
    newValue: text('new_value'),
    reason: text('reason'),
    refId: text('ref_id'),
  },
  (t) => [index('case_events_case_idx').on(t.caseId, t.at)],
);

/**
 * A handover of regie (warme overdracht): the note, the automatic
 * `overdracht` version, an optional overlap in which both hold regie rights,
 * and the new regisseur's acknowledgement that completes it. At most one open
 * overdracht per case (partial unique index).
 */
export const overdrachten = sqliteTable(
  'overdrachten',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    fromParticipantId: text('from_participant_id')
      .notNull()
      .references(() => participants.id),
    toParticipantId: text('to_participant_id')
      .notNull()
      .references(() => participants.id),
    /** When the new regisseur is a parent: the professional beside them (ADR 016). */
    regieProfessionalId: text('regie_professional_id').references(() => participants.id),
    situatie: text('situatie').notNull(),
    openAfsprakenRisicos: text('open_afspraken_risicos').notNull(),
    gezinBelangrijk: text('gezin_belangrijk').notNull(),
    volgendeStappen: text('volgende_stappen').notNull(),
    /** Plain summary for the family ("Sinds … is … jullie regisseur"). */
    familySummary: text('family_summary').notNull(),
    snapshotId: text('snapshot_id')
      .notNull()
      .references(() => snapshots.id),
    /** ISO date: until this day both hold regie rights (null: no overlap). */
    overlapUntil: text('overlap_until'),
    startedById: text('started_by_id')
      .notNull()
      .references(() => participants.id),
    startedAt: ms('started_at').notNull(),
    completedAt: ms('completed_at'),
    cancelledAt: ms('cancelled_at'),
    cancelReason: text('cancel_reason'),
  },
  (t) => [index('overdrachten_case_idx').on(t.caseId, t.startedAt)],
);

/** A professional's absence in one case, with the stand-in (vervanger) the family calls instead. */
export const absences = sqliteTable(
  'absences',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    standInParticipantId: text('stand_in_participant_id')
      .notNull()
      .references(() => participants.id),
    /** ISO dates, both days included. */
    fromDate: text('from_date').notNull(),
    untilDate: text('until_date').notNull(),
    createdById: text('created_by_id').references(() => participants.id),
    createdAt: createdAt(),
    /** Set when the absence was cancelled or ended early. */
    endedAt: ms('ended_at'),
  },
  (t) => [index('absences_case_idx').on(t.caseId, t.fromDate)],
);

/**
 * A decision that matters (besluit): grounds linked to kaart items,
 * alternatives considered, the gedragswetenschapper's advice when asked, and
 * a second professional's agreement (vier ogen) before it counts.
 */
export const besluiten = sqliteTable(
  'besluiten',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: BESLUIT_KINDS }).notNull(),
    title: text('title').notNull(),
    grounds: text('grounds').notNull(),
    /** JSON array of kaart item ids the grounds rest on. */
    groundItemIds: text('ground_item_ids').notNull().default('[]'),
    alternatives: text('alternatives').notNull(),
    advice: text('advice'),
    adviceById: text('advice_by_id').references(() => participants.id),
    /** Plain words for the family: what was decided and why. */
    familySummary: text('family_summary').notNull(),
    proposedById: text('proposed_by_id')
      .notNull()
      .references(() => participants.id),
    proposedAt: ms('proposed_at').notNull(),
    agreedById: text('agreed_by_id').references(() => participants.id),
    agreedAt: ms('agreed_at'),
    withdrawnAt: ms('withdrawn_at'),
    withdrawReason: text('withdraw_reason'),
  },
  (t) => [index('besluiten_case_idx').on(t.caseId, t.proposedAt)],
);

/**
 * Check-ins (SPEC §2.2, a light safety journal): one owner's report on one
 * occurrence (day) of an afspraak — gelukt / deels / niet gelukt with an
 * optional toelichting. Written only by a command on that person's own
 * request, or by a professional *namens* them (recordedById differs then).
 * Append-only: a correction is a new row; the latest per afspraak,
 * occurrence and person counts.
 */
export const checkIns = sqliteTable(
  'check_ins',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** The afspraak's item id in the plan document. */
    afspraakId: text('afspraak_id').notNull(),
    /** ISO date of the occurrence reported on. */
    occurrence: text('occurrence').notNull(),
    /** Whose check-in it is (an owner of the afspraak). */
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    result: text('result', { enum: CHECK_IN_RESULTS }).notNull(),
    toelichting: text('toelichting'),
    /** Who recorded it: the owner, or a professional namens the owner. */
    recordedById: text('recorded_by_id')
      .notNull()
      .references(() => participants.id),
    createdAt: createdAt(),
  },
  (t) => [index('check_ins_afspraak_idx').on(t.caseId, t.afspraakId, t.occurrence), index('check_ins_participant_idx').on(t.participantId, t.createdAt)],
);

/**
 * A netwerkberaad (SPEC §2.5): one facilitated meeting of a case ("sessie" in
 * the UI; "meeting" in code, so it is never confused with a sign-in session).
 * At most one runs per case, and a join code resolves only while its meeting
 * runs (partial unique indexes in migration 0008). The rendering of the case
 * at the start is the "before" of the summary written when it ends; after the
 * end the row does not change (trigger).
 */
export const meetings = sqliteTable(
  'meetings',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    /** Short join code (app/domain/meeting.ts); it only says which meeting, it grants nothing. */
    code: text('code').notNull(),
    startedById: text('started_by_id')
      .notNull()
      .references(() => participants.id),
    startedAt: ms('started_at').notNull(),
    /** The part under discussion (a focus key of app/domain/meeting.ts), or null for the whole kaart. */
    focus: text('focus'),
    /** JSON CaseRendering (app/domain/diff.ts) when the meeting started. */
    startRendering: text('start_rendering').notNull(),
    endedAt: ms('ended_at'),
    endedById: text('ended_by_id').references(() => participants.id),
    /** The `sessie` version made when it ended. */
    snapshotId: text('snapshot_id').references(() => snapshots.id),
    /** ISO date of the next meeting, when agreed. */
    nextMeetingDate: text('next_meeting_date'),
    /** JSON MeetingSummary (app/domain/meeting.ts), written once when it ends. */
    summary: text('summary'),
  },
  (t) => [index('meetings_case_idx').on(t.caseId, t.startedAt)],
);

/**
 * Who was at a meeting: a row when someone joins from their phone or when the
 * facilitator marks them present or absent. `present` is the facilitator's
 * correction over `joinedAt`; `leftAt` is set when their access ends.
 */
export const meetingAttendees = sqliteTable(
  'meeting_attendees',
  {
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    joinedAt: ms('joined_at'),
    present: integer('present', { mode: 'boolean' }).notNull(),
    correctedById: text('corrected_by_id').references(() => participants.id),
    leftAt: ms('left_at'),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.participantId] })],
);

/**
 * A scale round: opened by the facilitator, scored unseen on everyone's own
 * phone, revealed at once. At most one open round per meeting (index in 0008).
 */
export const meetingRounds = sqliteTable(
  'meeting_rounds',
  {
    id: text('id').primaryKey(),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    openedById: text('opened_by_id')
      .notNull()
      .references(() => participants.id),
    openedAt: ms('opened_at').notNull(),
    revealedAt: ms('revealed_at'),
  },
  (t) => [index('meeting_rounds_meeting_idx').on(t.meetingId, t.openedAt)],
);

/**
 * A score given in an open round, held back until the reveal: never read
 * into any answer before it, and copied into scale_scores (marked with the
 * meeting) at the reveal. One per person per round.
 */
export const meetingRoundScores = sqliteTable(
  'meeting_round_scores',
  {
    roundId: text('round_id')
      .notNull()
      .references(() => meetingRounds.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    score: integer('score').notNull(),
    explanation: text('explanation'),
    at: ms('at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.roundId, t.participantId] })],
);

/** Notes and the meeting's own decisions, captured by the facilitator during it (append-only). */
export const meetingNotes = sqliteTable(
  'meeting_notes',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    meetingId: text('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: MEETING_NOTE_KINDS }).notNull(),
    text: text('text').notNull(),
    authorId: text('author_id')
      .notNull()
      .references(() => participants.id),
    createdAt: createdAt(),
  },
  (t) => [index('meeting_notes_meeting_idx').on(t.meetingId, t.id)],
);

/**
 * The outbox (SPEC §4): every message to a person (e-mail, SMS) is a row
 * written in the same transaction as the event that causes it, then
 * delivered by the sender with retries. `dedupeKey` makes enqueueing
 * idempotent; `claimedAt` is written (and committed) before a delivery
 * attempt, so after a crash between sending and marking the row is known to
 * be in doubt and is not sent again. Bodies are made from `template` and
 * content-free `params` at send time: no plan content, no full names.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    channel: text('channel', { enum: OUTBOX_CHANNELS }).notNull(),
    /** E-mail address or phone number (never logged). */
    recipient: text('recipient').notNull(),
    template: text('template').notNull(),
    /** JSON, content-free (e.g. the children's first names, a link kind). */
    params: text('params').notNull().default('{}'),
    dedupeKey: text('dedupe_key').notNull().unique(),
    caseId: text('case_id').references(() => cases.id, { onDelete: 'cascade' }),
    participantId: text('participant_id').references(() => participants.id),
    userId: text('user_id').references(() => users.id),
    createdAt: createdAt(),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: ms('next_attempt_at').notNull(),
    /** Set (and committed) right before a delivery attempt; cleared when the attempt failed for sure. */
    claimedAt: ms('claimed_at'),
    sentAt: ms('sent_at'),
    /** Gave up (too many failures) or in doubt after a crash: not sent again automatically. */
    stoppedAt: ms('stopped_at'),
    stopReason: text('stop_reason'),
    /** The last failure, without personal data. */
    lastError: text('last_error'),
  },
  (t) => [index('outbox_due_idx').on(t.sentAt, t.stoppedAt, t.nextAttemptAt)],
);

/** A family or netwerk member's own choice of notifications (opt-in; SPEC §2.7). */
export const notificationSettings = sqliteTable('notification_settings', {
  participantId: text('participant_id')
    .primaryKey()
    .references(() => participants.id, { onDelete: 'cascade' }),
  byEmail: integer('by_email', { mode: 'boolean' }).notNull().default(false),
  bySms: integer('by_sms', { mode: 'boolean' }).notNull().default(false),
  /** Where to send (the person's own choice; defaults to the participant record's details). */
  email: text('email'),
  phone: text('phone'),
  updatedAt: ms('updated_at').notNull(),
});

/**
 * A question (or "bel mij terug") from a family or netwerk member to the
 * regisseur — or to the stand-in while the regisseur is away. Answering
 * closes it and notifies the asker.
 */
export const questions = sqliteTable(
  'questions',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: QUESTION_KINDS }).notNull(),
    askerId: text('asker_id')
      .notNull()
      .references(() => participants.id),
    /** Who it went to when it was asked (the regisseur or their stand-in). */
    toId: text('to_id')
      .notNull()
      .references(() => participants.id),
    text: text('text').notNull(),
    /** For "bel mij terug": the number to call (the asker's choice). */
    callbackPhone: text('callback_phone'),
    createdAt: createdAt(),
    answeredAt: ms('answered_at'),
    answeredById: text('answered_by_id').references(() => participants.id),
    answer: text('answer'),
  },
  (t) => [index('questions_case_idx').on(t.caseId, t.createdAt), index('questions_to_idx').on(t.toId, t.answeredAt)],
);

/**
 * Woorden en Plaatjes (SPEC §2.6): what happened and what the plan means,
 * written for one child by a professional, in panels of text and a picture.
 * Append-only: a change is a new row; the latest row per child, part and
 * panel is the current one (`removed` = the panel was taken out).
 */
export const childStory = sqliteTable(
  'child_story',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    childId: text('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    part: text('part', { enum: CHILD_STORY_PARTS }).notNull(),
    panel: integer('panel').notNull(),
    text: text('text').notNull(),
    /** `bundled:<name>` (app/domain/childVoice.ts) or `upload:<picture id>`, or null. */
    picture: text('picture'),
    removed: integer('removed', { mode: 'boolean' }).notNull().default(false),
    authorId: text('author_id')
      .notNull()
      .references(() => participants.id),
    createdAt: createdAt(),
  },
  (t) => [index('child_story_child_idx').on(t.childId, t.part, t.panel, t.id)],
);

/** Pictures uploaded for a child's pages (checked image types, bounded size), served only to who may see the page. */
export const pictures = sqliteTable(
  'pictures',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    mime: text('mime').notNull(),
    bytes: blob('bytes', { mode: 'buffer' }).notNull(),
    sha256: text('sha256').notNull(),
    uploadedById: text('uploaded_by_id')
      .notNull()
      .references(() => participants.id),
    createdAt: createdAt(),
  },
  (t) => [index('pictures_case_idx').on(t.caseId)],
);

/**
 * The Drie Huizen (SPEC §2.6): the child's own entries in the huis van
 * zorgen, van goede dingen and van dromen — written by the child (or a
 * professional beside a younger child). Never deleted: an entry taken out is
 * withdrawn and stays in the history.
 */
export const houseEntries = sqliteTable(
  'house_entries',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    childId: text('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    house: text('house', { enum: HOUSES }).notNull(),
    text: text('text').notNull(),
    picture: text('picture'),
    createdById: text('created_by_id')
      .notNull()
      .references(() => participants.id),
    createdAt: createdAt(),
    withdrawnAt: ms('withdrawn_at'),
    withdrawnById: text('withdrawn_by_id').references(() => participants.id),
  },
  (t) => [index('house_entries_child_idx').on(t.childId, t.house, t.createdAt)],
);

/** Who besides the default (the professionals, `children.houses_for_professionals`) may see a child's houses: the child's choice. */
export const houseViewers = sqliteTable(
  'house_viewers',
  {
    childId: text('child_id')
      .notNull()
      .references(() => children.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id),
    chosenById: text('chosen_by_id')
      .notNull()
      .references(() => participants.id),
    chosenAt: ms('chosen_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.childId, t.participantId] })],
);

/**
 * Grondslag per betrokkene (issue 18, AVG): the basis on which a professional
 * or netwerk member takes part — the family's consent (who gave it, when, for
 * what) or the legal ground of the maatregel. A new row replaces the
 * previous one (the latest per participant is current); withdrawing consent
 * sets `withdrawnAt` and ends that access in the same transaction.
 */
export const accessGrounds = sqliteTable(
  'access_grounds',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    participantId: text('participant_id')
      .notNull()
      .references(() => participants.id, { onDelete: 'cascade' }),
    basis: text('basis', { enum: GROUND_BASES }).notNull(),
    /** For consent: the family member (participant) who gave it. */
    consentGivenById: text('consent_given_by_id').references(() => participants.id),
    /** For consent: the ISO date (yyyy-mm-dd) it was given. */
    consentGivenOn: text('consent_given_on'),
    /** For consent: what it is for ("meedenken over het veiligheidsplan"). */
    purpose: text('purpose'),
    /** For a legal ground: which one ("ondertoezichtstelling, art. 1:255 BW"). */
    legalGround: text('legal_ground'),
    recordedById: text('recorded_by_id')
      .notNull()
      .references(() => participants.id),
    recordedAt: ms('recorded_at').notNull(),
    withdrawnAt: ms('withdrawn_at'),
    withdrawnById: text('withdrawn_by_id').references(() => participants.id),
  },
  (t) => [index('access_grounds_participant_idx').on(t.participantId, t.recordedAt)],
);

/** A family's request to delete their case's data, and the jeugdbeschermer's decision with a reason (issue 18). */
export const deletionRequests = sqliteTable(
  'deletion_requests',
  {
    id: text('id').primaryKey(),
    caseId: text('case_id')
      .notNull()
      .references(() => cases.id, { onDelete: 'cascade' }),
    requestedById: text('requested_by_id')
      .notNull()
      .references(() => participants.id),
    requestedAt: ms('requested_at').notNull(),
    /** The family's own words (optional). */
    note: text('note'),
    decision: text('decision', { enum: DELETION_DECISIONS }),
    decidedById: text('decided_by_id').references(() => participants.id),
    decidedAt: ms('decided_at'),
    decisionReason: text('decision_reason'),
  },
  (t) => [index('deletion_requests_case_idx').on(t.caseId)],
);

/**
 * A permit that exists only inside the transaction that deletes a case: the
 * append-only triggers of `audit_log` and `snapshots` let rows of that case
 * go while its id is here, and nowhere else.
 */
export const casePurges = sqliteTable('case_purges', {
  caseId: text('case_id').primaryKey(),
});

/**
 * Anonymous refusals (no session, no case access) counted per day and kind,
 * outside any case's Logboek, so nobody can flood a case's log from outside.
 */
export const refusalCounts = sqliteTable(
  'refusal_counts',
  {
    day: text('day').notNull(),
    type: text('type').notNull(),
    count: integer('count').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.day, t.type] })],
);
