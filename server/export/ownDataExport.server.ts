/**
 * The read side of a family or netwerk member's own-data export (AVG inzage,
 * issue 18 point 3, ADR 034). Invariant: it holds THIS person's own record
 * and contributions only — items they wrote or last changed (attribution
 * stamps in the documents), their reactions, scores, check-ins, akkoord
 * answers, questions, notification settings, devices (labels and times,
 * never session ids or hashes) and the audit rows about them. Of other
 * people it carries names only (who answered them, who did something about
 * them) — never another person's words. Read-only; the command writes the
 * audit row in the same transaction.
 */
import { and, asc, count, eq, or } from 'drizzle-orm';
import { AUDIT_TYPES, isAuditType } from '../../app/domain/audit';
import { ROLE_LABELS, type Role } from '../../app/domain/caseFacts';
import type { CaseRendering } from '../../app/domain/diff';
import { GROUND_BASIS_LABELS } from '../../app/domain/grondslag';
import type { ItemJSON } from '../../app/domain/items';
import type { AfspraakJSON } from '../../app/domain/plan';
import type { Db } from '../../db/database.server';
import {
  acceptanceRequests,
  acceptances,
  accessGrounds,
  auditLog,
  cases,
  checkIns,
  houseEntries,
  notificationSettings,
  participants,
  questions,
  scaleScores,
  sessions,
  snapshots,
  updates,
} from '../../db/schema';
import { participantNames } from '../cases/events.server';

export interface OwnDataSources {
  db: Db;
  rendering: CaseRendering;
  afspraken: AfspraakJSON[];
  now: number;
}

const iso = (ms: number | null | undefined) => (typeof ms === 'number' ? new Date(ms).toISOString() : null);
const DOCUMENT_LABELS = { kaart: 'Kaart', plan: 'Veiligheidsplan', bodemeisen: 'Bodemeisen' } as const;

export type OwnDataExport = NonNullable<ReturnType<typeof readOwnDataExport>>;

/** Everything of one person in one case; undefined when the record is not (or no longer) theirs in this case. */
export function readOwnDataExport(src: OwnDataSources, caseId: string, me: { participantId: string; role: Role }) {
  const { db } = src;
  const row = db
    .select()
    .from(participants)
    .where(and(eq(participants.id, me.participantId), eq(participants.caseId, caseId)))
    .get();
  if (!row) return undefined;
  const title = db.select({ title: cases.title }).from(cases).where(eq(cases.id, caseId)).get()?.title ?? '';

  // Items this person wrote, last changed or gave a status; elsewhere only their own reactions.
  const items: {
    document: string;
    onderdeel: string;
    tekst: Record<string, string>;
    status: string;
    jijSchreefHet: boolean;
    jijVeranderdeHet: boolean;
    gemaaktOp: string | null;
  }[] = [];
  const reactions: { document: string; tekst: string; tijd: string | null }[] = [];
  for (const document of ['kaart', 'plan', 'bodemeisen'] as const) {
    for (const [section, list] of Object.entries(src.rendering[document].sections)) {
      for (const item of (list ?? []) as ItemJSON[]) {
        const wrote = item.createdBy.id === me.participantId;
        const changed = item.editedBy?.id === me.participantId || item.statusBy?.id === me.participantId;
        if (wrote || changed) {
          items.push({
            document: DOCUMENT_LABELS[document],
            onderdeel: section,
            tekst: item.fields,
            status: item.status,
            jijSchreefHet: wrote,
            jijVeranderdeHet: changed,
            gemaaktOp: iso(item.createdAt),
          });
        }
        for (const r of item.reactions)
          if (r.by.id === me.participantId) reactions.push({ document: DOCUMENT_LABELS[document], tekst: r.text, tijd: iso(r.at) });
      }
    }
  }
  const changesPerDocument = db
    .select({ document: updates.document, n: count() })
    .from(updates)
    .where(and(eq(updates.caseId, caseId), eq(updates.participantId, me.participantId)))
    .groupBy(updates.document)
    .all()
    .map((r) => ({ document: DOCUMENT_LABELS[r.document], wijzigingen: r.n }));

  const scores = db
    .select()
    .from(scaleScores)
    .where(and(eq(scaleScores.caseId, caseId), eq(scaleScores.participantId, me.participantId)))
    .orderBy(asc(scaleScores.id))
    .all()
    .map((s) => ({ score: s.score, toelichting: s.explanation, tijd: iso(s.createdAt) }));

  const afspraakWat = new Map(src.afspraken.map((a) => [a.id, a]));
  const myCheckIns = db
    .select()
    .from(checkIns)
    .where(and(eq(checkIns.caseId, caseId), or(eq(checkIns.participantId, me.participantId), eq(checkIns.recordedById, me.participantId))))
    .orderBy(asc(checkIns.id))
    .all();

  const myAnswers = db
    .select({ agreed: acceptances.agreed, comment: acceptances.comment, at: acceptances.createdAt, label: snapshots.label })
    .from(acceptances)
    .innerJoin(acceptanceRequests, eq(acceptanceRequests.id, acceptances.requestId))
    .innerJoin(snapshots, eq(snapshots.id, acceptanceRequests.snapshotId))
    .where(and(eq(acceptanceRequests.caseId, caseId), eq(acceptances.participantId, me.participantId)))
    .orderBy(asc(acceptances.id))
    .all();

  const myQuestions = db
    .select()
    .from(questions)
    .where(and(eq(questions.caseId, caseId), eq(questions.askerId, me.participantId)))
    .orderBy(asc(questions.createdAt))
    .all();

  const settings = db.select().from(notificationSettings).where(eq(notificationSettings.participantId, me.participantId)).get();
  const devices = db
    .select({
      device: sessions.device,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
      expiresAt: sessions.expiresAt,
      endedAt: sessions.endedAt,
    })
    .from(sessions)
    .where(eq(sessions.participantId, me.participantId))
    .orderBy(asc(sessions.createdAt))
    .all();

  const grounds = db
    .select()
    .from(accessGrounds)
    .where(and(eq(accessGrounds.caseId, caseId), or(eq(accessGrounds.participantId, me.participantId), eq(accessGrounds.consentGivenById, me.participantId))))
    .orderBy(asc(accessGrounds.recordedAt))
    .all();

  const houses = db
    .select()
    .from(houseEntries)
    .where(and(eq(houseEntries.caseId, caseId), eq(houseEntries.createdById, me.participantId)))
    .orderBy(asc(houseEntries.createdAt))
    .all();

  const audit = db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.caseId, caseId), or(eq(auditLog.actorParticipantId, me.participantId), eq(auditLog.subjectParticipantId, me.participantId))))
    .orderBy(asc(auditLog.at), asc(auditLog.id))
    .all();

  // Names only: who answered them, who did something about them, whom their consent was for.
  const names = participantNames(db, [
    ...myQuestions.flatMap((q) => [q.toId, q.answeredById]),
    ...audit.flatMap((a) => [a.actorParticipantId, a.subjectParticipantId]),
    ...grounds.flatMap((g) => [g.participantId, g.recordedById]),
    ...myCheckIns.flatMap((c) => [c.participantId, c.recordedById]),
  ]);
  const nameOf = (id: string | null) => (id ? (id === me.participantId ? 'jij' : (names.get(id) ?? 'Onbekend')) : null);

  return {
    formaat: 'veiligplan-eigen-gegevens',
    versie: 1,
    gemaaktOp: iso(src.now),
    uitleg: 'Dit zijn de gegevens over jou in Veiligplan: wat je zelf hebt geschreven en gedaan, en wat er over jou is vastgelegd.',
    casus: title,
    jij: {
      naam: row.name,
      rol: ROLE_LABELS[me.role],
      relatie: row.relation,
      telefoon: row.phone,
      email: row.email,
      toegevoegdOp: iso(row.createdAt),
      laatsteBezoek: iso(row.lastVisitAt),
    },
    grondslag: grounds.map((g) => ({
      voor: nameOf(g.participantId),
      basis: GROUND_BASIS_LABELS[g.basis],
      gegevenOp: g.consentGivenOn,
      doel: g.purpose,
      wettelijkeGrond: g.legalGround,
      vastgelegdDoor: nameOf(g.recordedById),
      vastgelegdOp: iso(g.recordedAt),
      ingetrokkenOp: iso(g.withdrawnAt),
    })),
    geschreven: items,
    reacties: reactions,
    wijzigingenPerDocument: changesPerDocument,
    schaalscores: scores,
    checkIns: myCheckIns.map((c) => ({
      afspraak: afspraakWat.get(c.afspraakId)?.wie.includes(me.participantId) ? (afspraakWat.get(c.afspraakId)?.wat ?? null) : null,
      dag: c.occurrence,
      voor: nameOf(c.participantId),
      uitkomst: c.result,
      toelichting: c.toelichting,
      vastgelegdDoor: nameOf(c.recordedById),
      tijd: iso(c.createdAt),
    })),
    akkoord: myAnswers.map((a) => ({ versie: a.label, akkoord: a.agreed, opmerking: a.comment, tijd: iso(a.at) })),
    vragen: myQuestions.map((q) => ({
      soort: q.kind,
      vraag: q.text,
      terugbelnummer: q.callbackPhone,
      aan: nameOf(q.toId),
      gesteldOp: iso(q.createdAt),
      antwoord: q.answer,
      beantwoordDoor: nameOf(q.answeredById),
      beantwoordOp: iso(q.answeredAt),
    })),
    drieHuizen: houses.map((e) => ({ huis: e.house, tekst: e.text, op: iso(e.createdAt), weggehaaldOp: iso(e.withdrawnAt) })),
    meldingen: settings
      ? { perEmail: settings.byEmail, perSms: settings.bySms, email: settings.email, telefoon: settings.phone, gewijzigdOp: iso(settings.updatedAt) }
      : null,
    apparaten: devices.map((d) => ({
      apparaat: d.device ?? 'onbekend apparaat',
      begonnen: iso(d.createdAt),
      laatstGebruikt: iso(d.lastSeenAt),
      verlooptOp: iso(d.expiresAt),
      beeindigdOp: iso(d.endedAt),
    })),
    logboek: audit.map((a) => ({
      tijd: iso(a.at),
      soort: isAuditType(a.type) ? AUDIT_TYPES[a.type] : a.type,
      door: nameOf(a.actorParticipantId),
      over: nameOf(a.subjectParticipantId),
    })),
  };
}
