/**
 * The read side of the child's own voice (SPEC §2.6): a case's children with
 * their age rules, the current Woorden en Plaatjes, the Drie Huizen with
 * their history, and who may see what. Every answer about a child's houses
 * goes through `houseAccess`, which asks the pure rules in
 * app/domain/childVoice.ts — the commands, the pages and the picture route
 * all use it, so "who sees the houses" has one answer. Read-only.
 */
import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Role } from '../../app/domain/caseFacts';
import {
  childActsThemself,
  childAge,
  mayChooseHouseViewers,
  maySeeHouses,
  mayWriteHouses,
  parsePictureRef,
  type AgeRules,
  type ChildStoryPart,
  type House,
  type HouseChild,
} from '../../app/domain/childVoice';
import type { Tx } from '../../db/database.server';
import { cases, children, childStory, houseEntries, houseViewers, organisations, participants, pictures } from '../../db/schema';
import { participantNames } from '../cases/events.server';
import { todayIso } from '../cases/regie.server';

/** The one looking: their participant record in the case and the role they act in (effective role). */
export interface ChildVoiceViewer {
  id: string;
  role: Role;
}

export function ageRulesOf(db: Tx, caseId: string): AgeRules {
  const row = db
    .select({ ownLinkAge: organisations.childOwnLinkAge, decidesAge: organisations.childDecidesAge })
    .from(cases)
    .innerJoin(organisations, eq(organisations.id, cases.organisationId))
    .where(eq(cases.id, caseId))
    .get();
  return row ?? { ownLinkAge: 12, decidesAge: 16 };
}

export type ChildRow = typeof children.$inferSelect;

/** A child of this case (undefined for an id of another case). */
export function childInCase(db: Tx, caseId: string, childId: string): ChildRow | undefined {
  return db
    .select()
    .from(children)
    .where(and(eq(children.id, childId), eq(children.caseId, caseId)))
    .get();
}

/** The child whose own participant record this is (a jeugdige taking part themself). */
export function childOfParticipant(db: Tx, caseId: string, participantId: string): ChildRow | undefined {
  return db
    .select()
    .from(children)
    .where(and(eq(children.caseId, caseId), eq(children.participantId, participantId)))
    .get();
}

export function houseViewerIds(db: Tx, childId: string): string[] {
  return db
    .select({ id: houseViewers.participantId })
    .from(houseViewers)
    .where(eq(houseViewers.childId, childId))
    .all()
    .map((r) => r.id);
}

/** Whether the child's own record is a current participant (a removed one no longer counts). */
function ownRecordIsCurrent(db: Tx, child: ChildRow): boolean {
  if (!child.participantId) return false;
  return Boolean(
    db
      .select({ id: participants.id })
      .from(participants)
      .where(and(eq(participants.id, child.participantId), eq(participants.caseId, child.caseId), isNull(participants.removedAt)))
      .get(),
  );
}

/** What the rules need of a child, read now. */
export function houseChildOf(db: Tx, child: ChildRow, now = Date.now()): HouseChild {
  return {
    age: childAge(child.birthYear, todayIso(now)),
    hasOwnRecord: ownRecordIsCurrent(db, child),
    housesForProfessionals: child.housesForProfessionals,
    viewers: houseViewerIds(db, child.id),
  };
}

/** One viewer's rights on one child's houses. */
export function houseAccess(db: Tx, child: ChildRow, viewer: ChildVoiceViewer, now = Date.now()) {
  const rules = ageRulesOf(db, child.caseId);
  const houseChild = houseChildOf(db, child, now);
  const who = { role: viewer.role, participantId: viewer.id, isTheChild: child.participantId === viewer.id };
  return {
    rules,
    child: houseChild,
    isTheChild: who.isTheChild,
    actsThemself: childActsThemself(houseChild, rules),
    see: maySeeHouses(who, houseChild, rules),
    write: mayWriteHouses(who, houseChild, rules),
    choose: mayChooseHouseViewers(who, houseChild, rules),
  };
}

export interface StoryPanel {
  part: ChildStoryPart;
  panel: number;
  text: string;
  picture: string | null;
  savedAt: number;
}

/** The current Woorden en Plaatjes of a child: the latest row per part and panel, without the panels taken out. */
export function storyOf(db: Tx, childId: string): StoryPanel[] {
  const rows = db
    .select()
    .from(childStory)
    .where(eq(childStory.childId, childId))
    .orderBy(asc(childStory.part), asc(childStory.panel), desc(childStory.id))
    .all();
  const latest = new Map<string, (typeof rows)[number]>();
  for (const r of rows) if (!latest.has(`${r.part}:${r.panel}`)) latest.set(`${r.part}:${r.panel}`, r);
  return [...latest.values()]
    .filter((r) => !r.removed)
    .map((r) => ({ part: r.part, panel: r.panel, text: r.text, picture: r.picture, savedAt: r.createdAt }))
    .sort((a, b) => (a.part === b.part ? a.panel - b.panel : a.part === 'gebeurd' ? -1 : 1));
}

/** The highest panel number ever used for a part (also of panels taken out), so a new panel never reuses one. */
export function lastPanelNumber(db: Tx, childId: string, part: ChildStoryPart): number {
  const row = db
    .select({ panel: childStory.panel })
    .from(childStory)
    .where(and(eq(childStory.childId, childId), eq(childStory.part, part)))
    .orderBy(desc(childStory.panel))
    .limit(1)
    .get();
  return row?.panel ?? 0;
}

export interface HouseEntryView {
  id: string;
  house: House;
  text: string;
  picture: string | null;
  createdAt: number;
  createdBy: string | null;
  withdrawnAt: number | null;
  withdrawnBy: string | null;
}

/** All entries of a child's houses, oldest first, withdrawn ones included (their history). Only for who may see the houses. */
export function houseEntriesOf(db: Tx, childId: string): HouseEntryView[] {
  const rows = db.select().from(houseEntries).where(eq(houseEntries.childId, childId)).orderBy(asc(houseEntries.createdAt), asc(houseEntries.id)).all();
  const names = participantNames(
    db,
    rows.flatMap((e) => [e.createdById, e.withdrawnById]),
  );
  return rows.map((e) => ({
    id: e.id,
    house: e.house,
    text: e.text,
    picture: e.picture,
    createdAt: e.createdAt,
    createdBy: names.get(e.createdById) ?? null,
    withdrawnAt: e.withdrawnAt,
    withdrawnBy: e.withdrawnById ? (names.get(e.withdrawnById) ?? null) : null,
  }));
}

/**
 * Whether a viewer may see an uploaded picture: it is on a child's Woorden
 * en Plaatjes of this case (everyone in the case reads those), in the houses
 * of a child whose houses the viewer may see, or the viewer uploaded it.
 * Anything else (another case's picture, a house picture of someone not
 * chosen) is not found.
 */
export function pictureForViewer(db: Tx, caseId: string, pictureId: string, viewer: ChildVoiceViewer, now = Date.now()) {
  const picture = db
    .select()
    .from(pictures)
    .where(and(eq(pictures.id, pictureId), eq(pictures.caseId, caseId)))
    .get();
  if (!picture) return undefined;
  if (picture.uploadedById === viewer.id) return picture;
  const ref = `upload:${picture.id}`;
  const onStory = db
    .select({ id: childStory.id })
    .from(childStory)
    .where(and(eq(childStory.caseId, caseId), eq(childStory.picture, ref)))
    .get();
  if (onStory) return picture;
  const inHouses = db
    .selectDistinct({ childId: houseEntries.childId })
    .from(houseEntries)
    .where(and(eq(houseEntries.caseId, caseId), eq(houseEntries.picture, ref)))
    .all();
  for (const { childId } of inHouses) {
    const child = childInCase(db, caseId, childId);
    if (child && houseAccess(db, child, viewer, now).see) return picture;
  }
  return undefined;
}

/** Uploaded pictures the viewer may pick for a page: the ones they uploaded themselves in this case (newest first). */
export function ownPictures(db: Tx, caseId: string, participantId: string): string[] {
  return db
    .select({ id: pictures.id })
    .from(pictures)
    .where(and(eq(pictures.caseId, caseId), eq(pictures.uploadedById, participantId)))
    .orderBy(desc(pictures.createdAt))
    .limit(24)
    .all()
    .map((p) => p.id);
}

/** Whether a posted picture reference may be used by this person: a bundled one, or an upload of their own in this case (or one already on this child's page). */
export function pictureUsable(db: Tx, caseId: string, participantId: string, value: string, already: readonly (string | null)[] = []): boolean {
  const ref = parsePictureRef(value);
  if (!ref) return false;
  if (ref.kind === 'bundled') return true;
  if (already.includes(value)) return true;
  return Boolean(
    db
      .select({ id: pictures.id })
      .from(pictures)
      .where(and(eq(pictures.id, ref.id), eq(pictures.caseId, caseId), eq(pictures.uploadedById, participantId)))
      .get(),
  );
}

/** The children whose houses this viewer may see, with the current entries (the print; never in snapshots, which everyone sees). */
export function housesForViewer(db: Tx, caseId: string, viewer: ChildVoiceViewer, now = Date.now()) {
  return db
    .select()
    .from(children)
    .where(eq(children.caseId, caseId))
    .orderBy(asc(children.birthYear), asc(children.firstName))
    .all()
    .filter((child) => houseAccess(db, child, viewer, now).see)
    .map((child) => ({
      childId: child.id,
      firstName: child.firstName,
      entries: houseEntriesOf(db, child.id)
        .filter((e) => e.withdrawnAt === null)
        .map((e) => ({ id: e.id, house: e.house, text: e.text, picture: e.picture })),
    }))
    .filter((c) => c.entries.length > 0);
}

/** For a jeugdige who is one of the case's children: what their block on the home view shows (else null). */
export function childHomeOf(db: Tx, caseId: string, viewer: ChildVoiceViewer, now = Date.now()) {
  if (viewer.role !== 'jeugdige') return null;
  const child = childOfParticipant(db, caseId, viewer.id);
  if (!child) return null;
  const access = houseAccess(db, child, viewer, now);
  return {
    caseId,
    childId: child.id,
    firstName: child.firstName,
    panels: storyOf(db, child.id).length,
    entries: houseEntriesOf(db, child.id).filter((e) => e.withdrawnAt === null).length,
    writes: access.write,
  };
}
