/**
 * The read side of a case export (issue 18 point 3, ADR 034): ONE function,
 * `readCaseExport`, builds everything the ZIP holds — the JSON export and the
 * printable plan the PDF is drawn from (`handout`) — so the two can never
 * disagree. Invariants: only rows of the one case are read (every query is
 * keyed on its id); contact details appear only as `maySeeContactDetails`
 * allows for the exporter (the safety flag included); a child's Drie Huizen
 * only when the exporter may see them (houseAccess); the audit log is made
 * readable (Dutch type, time, names) and never carries session hashes.
 * Read-only: the command (server/commands/export.server.ts) calls it inside
 * the transaction that also writes the audit row.
 */
import { asc, eq, inArray } from 'drizzle-orm';
import type * as Y from 'yjs';
import { AUDIT_TYPES } from '../../app/domain/audit';
import type { BijNoodData } from '../../app/domain/bijNood';
import { kaderLabel, ROLE_LABELS, STAGE_LABELS, type Role } from '../../app/domain/caseFacts';
import { BESLUIT_KIND_LABELS, CASE_EVENT_LABELS, describeEvent } from '../../app/domain/caseEvents';
import type { CaseRendering } from '../../app/domain/diff';
import { GROUND_BASIS_LABELS } from '../../app/domain/grondslag';
import type { ItemJSON } from '../../app/domain/items';
import { KAART_COLUMNS } from '../../app/domain/kaart';
import { maySeeContactDetails } from '../../app/domain/permissions';
import { afspraken as planAfspraken, describeWhen } from '../../app/domain/plan';
import { akkoordOnPaper, SNAPSHOT_REASON_LABELS } from '../../app/domain/versions';
import type { Db } from '../../db/database.server';
import {
  acceptanceRequests,
  acceptances,
  accessGrounds,
  checkIns,
  children,
  meetingAttendees,
  meetingNotes,
  meetings,
  participants,
  questions,
  snapshots,
} from '../../db/schema';
import type { AcceptanceView } from '../acceptance/acceptance.server';
import { listAudit } from '../audit/audit.server';
import { listBesluiten } from '../cases/besluiten.server';
import { bijNood } from '../cases/bijNood.server';
import { getCaseOverview, type CaseParticipant } from '../cases/cases.server';
import { listCaseEvents, participantNames } from '../cases/events.server';
import { houseAccess, houseEntriesOf, storyOf } from '../childVoice/childVoice.server';
import { scoreHistory } from '../scores/scaleScores.server';
import { formatDate } from '../../app/utils/format';

/** What the export reads besides the database: the live documents as everyone sees them now. */
export interface ExportSources {
  db: Db;
  rendering: CaseRendering;
  planDoc: Y.Doc;
  acceptance: AcceptanceView;
  now: number;
}

/** Who exports: their participant record in the case and the role they act in. */
export interface Exporter {
  participantId: string;
  role: Role;
}

const iso = (ms: number | null | undefined) => (typeof ms === 'number' ? new Date(ms).toISOString() : null);
const parseJson = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};
const ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** An audit row's detail without internal ids (a reader cannot use them); null when nothing readable is left. */
function readableDetail(detail: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!detail) return null;
  const kept = Object.entries(detail).filter(([, v]) => !(typeof v === 'string' && ID.test(v)));
  return kept.length ? Object.fromEntries(kept) : null;
}

/** An item as one line of text: its non-empty fields joined. */
export const itemLine = (item: ItemJSON) =>
  Object.values(item.fields)
    .map((t) => t.trim())
    .filter(Boolean)
    .join(' — ');

export interface HandoutPerson {
  name: string;
  phone: string | null;
}

/** The printable plan in the family handout's order (app/routes/casussen.$caseId_.afdrukken.tsx). */
export interface Handout {
  title: string;
  children: string[];
  madeAt: number;
  version: { label: string; at: number } | null;
  stage: { label: string; plain: string };
  nextEvaluation: string;
  afspraken: { wat: string; wie: HandoutPerson[]; wanneer: string; hoeWetenWe: string; watAlsNiet: string }[];
  netwerk: { wat: string; wie: HandoutPerson[]; wanneer: string }[];
  doers: { name: string; role: string; phone: string | null; does: string[] }[];
  bijNood: BijNoodData;
  akkoord: {
    label: string;
    at: number;
    planChangedSince: boolean;
    answers: { name: string; agreed: boolean | null; at: number | null; forOlderVersion: boolean }[];
  } | null;
  bodemeisen: string[];
  kaart: { column: string; sections: { title: string; items: string[] }[] }[];
  scale: { question: string; scores: { name: string; score: number }[] };
  kader: string;
  casusregisseur: string | null;
}

export type CaseExport = ReturnType<typeof readCaseExport>;

/**
 * Everything of one case for one exporter. Returns undefined for an unknown
 * case. The caller checked that the exporter may export (mayExportCase).
 */
export function readCaseExport(src: ExportSources, caseId: string, exporter: Exporter) {
  const { db } = src;
  const overview = getCaseOverview(db, caseId);
  if (!overview) return undefined;
  const flags = { safetyFlag: overview.safetyFlag };
  const contact = (p: CaseParticipant) => maySeeContactDetails(exporter.role, p, flags);
  const current = new Map(overview.participants.map((p) => [p.id, p]));
  const exporterName = current.get(exporter.participantId)?.name ?? 'Onbekend';

  // Everyone who ever took part (removed people too): their names explain the history.
  const everyone = db.select().from(participants).where(eq(participants.caseId, caseId)).orderBy(asc(participants.createdAt)).all();
  const names = participantNames(
    db,
    everyone.map((p) => p.id),
  );
  const nameOf = (id: string | null | undefined) => (id ? (names.get(id) ?? 'Onbekend') : null);
  const grounds = db.select().from(accessGrounds).where(eq(accessGrounds.caseId, caseId)).orderBy(asc(accessGrounds.recordedAt)).all();

  const betrokkenen = everyone.map((row) => {
    const now = current.get(row.id);
    const show = now ? contact(now) : false;
    return {
      id: row.id,
      naam: nameOf(row.id),
      rol: now ? ROLE_LABELS[now.role] : ROLE_LABELS[row.role],
      relatie: row.relation,
      organisatie: now?.organisationName ?? null,
      telefoon: show ? (now?.phone ?? null) : null,
      email: show ? (now?.email ?? null) : null,
      taak: row.task,
      hulpVan: row.helpFrom,
      hulpTot: row.helpUntil,
      hulpResultaat: row.helpResult,
      toegevoegdOp: iso(row.createdAt),
      verwijderdOp: iso(row.removedAt),
      grondslag: grounds
        .filter((g) => g.participantId === row.id)
        .map((g) => ({
          basis: GROUND_BASIS_LABELS[g.basis],
          toestemmingDoor: nameOf(g.consentGivenById),
          toestemmingOp: g.consentGivenOn,
          doel: g.purpose,
          wettelijkeGrond: g.legalGround,
          vastgelegdDoor: nameOf(g.recordedById),
          vastgelegdOp: iso(g.recordedAt),
          ingetrokkenOp: iso(g.withdrawnAt),
          ingetrokkenDoor: nameOf(g.withdrawnById),
        })),
    };
  });

  const events = listCaseEvents(db, caseId).map((e) => ({
    tijd: iso(e.at),
    soort: CASE_EVENT_LABELS[e.type],
    door: e.actorName,
    over: e.subjectName,
    beschrijving: describeEvent(e),
    veld: e.field,
    oud: e.oldValue,
    nieuw: e.newValue,
    reden: e.reason,
  }));

  const versionRows = db.select().from(snapshots).where(eq(snapshots.caseId, caseId)).orderBy(asc(snapshots.createdAt)).all();
  const versies = versionRows.map((v) => ({
    label: v.label,
    reden: SNAPSHOT_REASON_LABELS[v.reason],
    auteur: nameOf(v.authorParticipantId),
    datum: iso(v.createdAt),
    weergave: parseJson(v.rendering),
  }));

  const schaalscores = scoreHistory(db, caseId).map((h) => ({
    naam: nameOf(h.participantId),
    scores: h.scores.map((s) => ({ score: s.score, toelichting: s.explanation, tijd: iso(s.at), inNetwerkberaad: s.meetingId !== null })),
  }));

  const list = planAfspraken(src.planDoc);
  const checkInRows = db.select().from(checkIns).where(eq(checkIns.caseId, caseId)).orderBy(asc(checkIns.id)).all();
  const afspraken = list.map((a) => ({
    soort: a.kind,
    wat: a.wat,
    wie: a.wie.map((id) => nameOf(id)),
    wanneer: [describeWhen(a), a.wanneer].filter(Boolean).join(' · '),
    hoeWetenWe: a.hoeWetenWe,
    watAlsNiet: a.watAlsNiet,
    voortgang: a.voortgang,
    evaluatie: a.evaluatie,
    checkIns: checkInRows
      .filter((c) => c.afspraakId === a.id)
      .map((c) => ({
        dag: c.occurrence,
        wie: nameOf(c.participantId),
        uitkomst: c.result,
        toelichting: c.toelichting,
        vastgelegdDoor: nameOf(c.recordedById),
        tijd: iso(c.createdAt),
      })),
  }));
  // Check-ins on afspraken that are no longer in the plan stay part of the history.
  const known = new Set(list.map((a) => a.id));
  const losseCheckIns = checkInRows
    .filter((c) => !known.has(c.afspraakId))
    .map((c) => ({ dag: c.occurrence, wie: nameOf(c.participantId), uitkomst: c.result, toelichting: c.toelichting, tijd: iso(c.createdAt) }));

  const requests = db.select().from(acceptanceRequests).where(eq(acceptanceRequests.caseId, caseId)).orderBy(asc(acceptanceRequests.createdAt)).all();
  const answers = requests.length
    ? db
        .select()
        .from(acceptances)
        .where(
          inArray(
            acceptances.requestId,
            requests.map((r) => r.id),
          ),
        )
        .orderBy(asc(acceptances.id))
        .all()
    : [];
  const labelOf = new Map(versionRows.map((v) => [v.id, v.label]));
  const akkoord = requests.map((r) => ({
    versie: labelOf.get(r.snapshotId) ?? null,
    gevraagdDoor: nameOf(r.requestedById),
    gevraagdOp: iso(r.createdAt),
    antwoorden: answers
      .filter((a) => a.requestId === r.id)
      .map((a) => ({ wie: nameOf(a.participantId), akkoord: a.agreed, opmerking: a.comment, tijd: iso(a.createdAt) })),
  }));

  const besluiten = listBesluiten(db, caseId).map(({ proposedById: _p, groundItemIds: _g, ...b }) => ({
    ...b,
    kind: BESLUIT_KIND_LABELS[b.kind].label,
    proposedAt: iso(b.proposedAt),
    agreedAt: iso(b.agreedAt),
    withdrawnAt: iso(b.withdrawnAt),
  }));

  const meetingRows = db.select().from(meetings).where(eq(meetings.caseId, caseId)).orderBy(asc(meetings.startedAt)).all();
  const meetingIds = meetingRows.map((m) => m.id);
  const notes = meetingIds.length ? db.select().from(meetingNotes).where(inArray(meetingNotes.meetingId, meetingIds)).orderBy(asc(meetingNotes.id)).all() : [];
  const attendees = meetingIds.length ? db.select().from(meetingAttendees).where(inArray(meetingAttendees.meetingId, meetingIds)).all() : [];
  const netwerkberaden = meetingRows.map((m) => ({
    gestartDoor: nameOf(m.startedById),
    gestartOp: iso(m.startedAt),
    afgerondOp: iso(m.endedAt),
    volgendeBeraad: m.nextMeetingDate,
    aanwezig: attendees.filter((a) => a.meetingId === m.id && a.present).map((a) => nameOf(a.participantId)),
    samenvatting: parseJson(m.summary),
    notities: notes.filter((n) => n.meetingId === m.id).map((n) => ({ soort: n.kind, tekst: n.text, door: nameOf(n.authorId), tijd: iso(n.createdAt) })),
  }));

  const askerContact = (id: string) => {
    const p = current.get(id);
    return p ? contact(p) : false;
  };
  const vragen = db
    .select()
    .from(questions)
    .where(eq(questions.caseId, caseId))
    .orderBy(asc(questions.createdAt))
    .all()
    .map((q) => ({
      soort: q.kind,
      van: nameOf(q.askerId),
      aan: nameOf(q.toId),
      vraag: q.text,
      terugbelnummer: q.callbackPhone && askerContact(q.askerId) ? q.callbackPhone : null,
      gesteldOp: iso(q.createdAt),
      antwoord: q.answer,
      beantwoordDoor: nameOf(q.answeredById),
      beantwoordOp: iso(q.answeredAt),
    }));

  // The children's pages: Woorden en Plaatjes for everyone in the case; the Drie Huizen only when the exporter may see them (ADR 030).
  const viewer = { id: exporter.participantId, role: exporter.role };
  const kinderen = db
    .select()
    .from(children)
    .where(eq(children.caseId, caseId))
    .orderBy(asc(children.birthYear), asc(children.firstName))
    .all()
    .map((child) => {
      const sees = houseAccess(db, child, viewer, src.now).see;
      return {
        voornaam: child.firstName,
        geboortejaar: child.birthYear,
        woordenEnPlaatjes: storyOf(db, child.id).map((s) => ({ deel: s.part, paneel: s.panel, tekst: s.text, plaatje: s.picture, bewaardOp: iso(s.savedAt) })),
        drieHuizen: sees
          ? houseEntriesOf(db, child.id).map((e) => ({
              huis: e.house,
              tekst: e.text,
              plaatje: e.picture,
              door: e.createdBy,
              op: iso(e.createdAt),
              weggehaaldOp: iso(e.withdrawnAt),
            }))
          : null,
        drieHuizenNietZichtbaar: !sees,
      };
    });

  const audit = listAudit(db, caseId);
  const auditNames = participantNames(
    db,
    audit.flatMap((r) => [r.actorParticipantId, r.subjectParticipantId]),
  );
  const logboek = audit.map((r) => ({
    tijd: iso(r.at),
    soort: AUDIT_TYPES[r.type],
    door: r.actorParticipantId ? (auditNames.get(r.actorParticipantId) ?? 'Onbekend') : null,
    over: r.subjectParticipantId ? (auditNames.get(r.subjectParticipantId) ?? 'Onbekend') : null,
    details: readableDetail(r.detail),
  }));

  const casusregisseur = overview.casusregisseur?.name ?? null;
  const casus = {
    titel: overview.title,
    kader: kaderLabel(overview.kader, overview.maatregelType, overview.kaderService),
    fase: STAGE_LABELS[overview.stage].label,
    volgendeEvaluatie: overview.nextEvaluationDate,
    schaalvraag: overview.scaleQuestion,
    veiligheidsvlag: overview.safetyFlag,
    gestartOp: iso(overview.createdAt),
    afgeslotenOp: iso(overview.closedAt),
    casusregisseur,
    vastAanspreekpunt: overview.vastAanspreekpunt?.name ?? null,
    kinderen: overview.children.map((c) => ({ voornaam: c.firstName, geboortejaar: c.birthYear })),
  };

  const handout = buildHandout(src, overview, contact, versionRows.at(-1) ?? null);

  return {
    export: {
      formaat: 'veiligplan-casus-export',
      versie: 1,
      gemaaktOp: iso(src.now),
      gemaaktDoor: exporterName,
      rolVanMaker: ROLE_LABELS[exporter.role],
      contactgegevens: overview.safetyFlag
        ? 'Veiligheidsvlag staat aan: telefoon en e-mail van gezin en netwerk alleen voor jeugdbeschermer en casusregisseur.'
        : null,
      casus,
      gebeurtenissen: events,
      betrokkenen,
      documentenNu: src.rendering,
      versies,
      schaalscores,
      afspraken,
      checkInsZonderAfspraak: losseCheckIns,
      akkoord,
      besluiten,
      netwerkberaden,
      vragen,
      kinderen,
      logboek,
    },
    handout,
  };
}

function buildHandout(
  src: ExportSources,
  overview: NonNullable<ReturnType<typeof getCaseOverview>>,
  contact: (p: CaseParticipant) => boolean,
  latest: { label: string; createdAt: number } | null,
): Handout {
  const people = new Map(overview.participants.map((p) => [p.id, p]));
  const phoneOf = (id: string) => {
    const p = people.get(id);
    return p?.phone && contact(p) ? p.phone : null;
  };
  const whoOf = (ids: string[]) => ids.filter((id) => people.has(id)).map((id) => ({ name: people.get(id)!.name, phone: phoneOf(id) }));
  const list = planAfspraken(src.planDoc);
  const doers = new Map<string, Handout['doers'][number]>();
  for (const a of list) {
    for (const id of a.wie) {
      const p = people.get(id);
      if (!p) continue;
      const d = doers.get(id) ?? { name: p.name, role: ROLE_LABELS[p.role], phone: phoneOf(id), does: [] };
      d.does.push(a.wat);
      doers.set(id, d);
    }
  }
  const view = src.acceptance;
  return {
    title: overview.title,
    children: overview.children.map((c) => c.firstName),
    madeAt: src.now,
    version: latest ? { label: latest.label, at: latest.createdAt } : null,
    stage: STAGE_LABELS[overview.stage],
    nextEvaluation: formatDate(overview.nextEvaluationDate),
    afspraken: list
      .filter((a) => a.kind === 'afspraak')
      .map((a) => ({
        wat: a.wat,
        wie: whoOf(a.wie),
        wanneer: [describeWhen(a), a.wanneer, a.evaluatie ? `we kijken er weer naar op ${formatDate(a.evaluatie)}` : ''].filter(Boolean).join(' · '),
        hoeWetenWe: a.hoeWetenWe,
        watAlsNiet: a.watAlsNiet,
      })),
    netwerk: list
      .filter((a) => a.kind === 'netwerk')
      .map((a) => ({ wat: a.wat, wie: whoOf(a.wie), wanneer: [describeWhen(a), a.wanneer].filter(Boolean).join(' · ') })),
    doers: [...doers.values()],
    // Bij nood as the print shows it (the one rule about numbers lives in app/domain/bijNood.ts).
    bijNood: bijNood(src.db, overview.id, src.planDoc),
    akkoord: akkoordOnPaper(view),
    bodemeisen: (src.rendering.bodemeisen.sections.eisen ?? []).filter((i) => i.status !== 'ingetrokken').map(itemLine),
    kaart: KAART_COLUMNS.map((column) => ({
      column: column.familyTitle,
      sections: column.sections.map((section) => ({
        title: section.familyTitle,
        items: (src.rendering.kaart.sections[section.id] ?? []).filter((i) => i.status !== 'ingetrokken').map(itemLine),
      })),
    })),
    scale: { question: overview.scaleQuestion, scores: Object.values(src.rendering.scores) },
    kader: kaderLabel(overview.kader, overview.maatregelType),
    casusregisseur: overview.casusregisseur?.name ?? null,
  };
}
