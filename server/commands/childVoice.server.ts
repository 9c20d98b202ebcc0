/**
 * Commands on the child's own voice (SPEC §2.6, ADR 030): Woorden en
 * Plaatjes (append-only panels, written by professionals who may write the
 * plan), pictures (PNG/JPEG/WebP by their first bytes, at most 2 MB), the Drie
 * Huizen (entries only ever withdrawn; written by the child from the age of
 * an own link, or a professional beside them) and who sees the houses (under
 * the deciding age a professional with the child, from it only the young
 * person). Who may is asked of app/domain/childVoice.ts through
 * server/childVoice/childVoice.server.ts; a child or entry of another case is
 * NotFound. Every change and its audit row are one transaction.
 */
import { createHash, randomUUID } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { CHILD_STORY_PARTS, HOUSES, MAX_PICTURE_BYTES, mayWriteChildStory, pictureMimeOf } from '../../app/domain/childVoice';
import type { Tx } from '../../db/database.server';
import { children, childStory, houseEntries, houseViewers, personalLinks, pictures } from '../../db/schema';
import { recordAudit } from '../audit/audit.server';
import { childInCase, houseAccess, lastPanelNumber, pictureUsable, storyOf } from '../childVoice/childVoice.server';
import { actingWriter, byActor, commit, Id, nowOf, parseInput, participantInCase, requireAllowed, type Actor, type CommandDeps } from './command.server';
import { InvalidInput, NotFound } from './errors';
import { manager } from './participants.server';

const STORY_WRITERS_ONLY = 'Alleen een professional die aan het plan werkt, schrijft Woorden en Plaatjes.';
const HOUSES_WRITERS_ONLY = 'Alleen het kind zelf (vanaf de leeftijd voor een eigen link) of een professional naast het kind schrijft in de huizen.';
const NO_CHILD = 'Dit kind staat niet (meer) in deze casus.';
const TEXT_MESSAGE = 'Schrijf een korte tekst (hoogstens 1000 tekens).';

const ChildId = Id('Kies welk kind.');
const Text = z.string({ error: TEXT_MESSAGE }).trim().min(1, TEXT_MESSAGE).max(1000, TEXT_MESSAGE);
const PictureField = z
  .string({ error: 'Dit plaatje klopt niet.' })
  .trim()
  .max(80, 'Dit plaatje klopt niet.')
  .optional()
  .transform((v) => v || null);

function childOf(tx: Tx, caseId: string, childId: string) {
  const child = childInCase(tx, caseId, childId);
  if (!child) throw new NotFound(NO_CHILD, 'childId');
  return child;
}

/** A picture reference the actor may use: bundled, or their own upload in this case (or one already on this page). */
function checkedPicture(tx: Tx, caseId: string, actorId: string, value: string | null, already: readonly (string | null)[] = []) {
  if (value === null) return null;
  if (!pictureUsable(tx, caseId, actorId, value, already))
    throw new InvalidInput('Kies een plaatje uit de lijst, of voeg eerst zelf een plaatje toe.', 'picture');
  return value;
}

// ---------------------------------------------------------------------------
// Woorden en Plaatjes
// ---------------------------------------------------------------------------

const PanelNumber = z
  .union(
    [
      z.literal(''),
      z
        .string()
        .trim()
        .regex(/^\d{1,3}$/, 'Dit vak bestaat niet.'),
      z.number().int().min(1).max(999),
    ],
    { error: 'Dit vak bestaat niet.' },
  )
  .optional()
  .transform((v) => (v === '' || v === undefined ? null : Number(v)))
  .pipe(z.number().int().min(1, 'Dit vak bestaat niet.').max(999, 'Dit vak bestaat niet.').nullable());

export const SaveChildStoryPanelInput = z.object({
  childId: ChildId,
  part: z.enum(CHILD_STORY_PARTS, { error: 'Kies welk deel: wat er is gebeurd, of wat er nu gaat gebeuren.' }),
  /** Empty: a new panel at the end. */
  panel: PanelNumber,
  text: Text,
  picture: PictureField,
});

/** Saves one panel (text and picture) of a child's Woorden en Plaatjes: a new row, the old one stays in the history. */
export function saveChildStoryPanel(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(SaveChildStoryPanelInput, input);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = actingWriter(tx, actor);
    requireAllowed(mayWriteChildStory(me.role), STORY_WRITERS_ONLY);
    const child = childOf(tx, me.caseId, data.childId);
    const current = storyOf(tx, child.id).filter((p) => p.part === data.part);
    if (data.panel !== null && !current.some((p) => p.panel === data.panel)) throw new NotFound('Dit vak bestaat niet (meer).', 'panel');
    const picture = checkedPicture(
      tx,
      me.caseId,
      me.id,
      data.picture,
      current.map((p) => p.picture),
    );
    const panel = data.panel ?? lastPanelNumber(tx, child.id, data.part) + 1;
    tx.insert(childStory)
      .values({ caseId: me.caseId, childId: child.id, part: data.part, panel, text: data.text, picture, authorId: me.id, createdAt: now })
      .run();
    recordAudit(tx, { type: 'child-story-saved', ...byActor(actor), detail: { kind: child.id, deel: data.part, vak: panel } }, now);
    return { childId: child.id, part: data.part, panel };
  });
}

export const RemoveChildStoryPanelInput = z.object({
  childId: ChildId,
  part: z.enum(CHILD_STORY_PARTS, { error: 'Kies welk deel.' }),
  panel: PanelNumber.refine((v) => v !== null, 'Kies welk vak.'),
});

/** Takes a panel out (a row that says so; the earlier rows stay). */
export function removeChildStoryPanel(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(RemoveChildStoryPanelInput, input);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = actingWriter(tx, actor);
    requireAllowed(mayWriteChildStory(me.role), STORY_WRITERS_ONLY);
    const child = childOf(tx, me.caseId, data.childId);
    if (!storyOf(tx, child.id).some((p) => p.part === data.part && p.panel === data.panel)) throw new NotFound('Dit vak bestaat niet (meer).', 'panel');
    tx.insert(childStory)
      .values({ caseId: me.caseId, childId: child.id, part: data.part, panel: data.panel!, text: '', removed: true, authorId: me.id, createdAt: now })
      .run();
    recordAudit(tx, { type: 'child-story-saved', ...byActor(actor), detail: { kind: child.id, deel: data.part, vak: data.panel!, weggehaald: true } }, now);
    return { childId: child.id };
  });
}

// ---------------------------------------------------------------------------
// Pictures
// ---------------------------------------------------------------------------

const UPLOAD_FOR = ['verhaal', 'huizen'] as const;
export const UploadPictureInput = z.object({
  childId: ChildId,
  for: z.enum(UPLOAD_FOR, { error: 'Kies waar het plaatje voor is.' }),
});

/** The bytes of a posted file (a File/Blob from a multipart form, or bytes from code); anything else is no file. */
async function bytesOf(file: unknown): Promise<Uint8Array | null> {
  if (file instanceof Uint8Array) return file;
  if (file && typeof file === 'object' && 'arrayBuffer' in file && typeof (file as Blob).arrayBuffer === 'function' && 'size' in file) {
    if ((file as Blob).size > MAX_PICTURE_BYTES) return new Uint8Array(MAX_PICTURE_BYTES + 1);
    return new Uint8Array(await (file as Blob).arrayBuffer());
  }
  return null;
}

/**
 * Stores an uploaded picture for a child's page: only PNG, JPEG or WebP (by
 * their first bytes — an SVG, which can carry script, is refused), at most
 * 2 MB. The uploader may then place it; others see it only where it is placed.
 */
export async function uploadPicture(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(UploadPictureInput, input);
  const bytes = await bytesOf((input as { file?: unknown }).file);
  if (!bytes || bytes.length === 0) throw new InvalidInput('Kies een foto of tekening om toe te voegen.', 'file');
  if (bytes.length > MAX_PICTURE_BYTES) throw new InvalidInput('Dit plaatje is te groot. Het mag hoogstens 2 MB zijn.', 'file');
  const mime = pictureMimeOf(bytes);
  if (!mime) throw new InvalidInput('Dit soort bestand kan niet. Kies een foto of plaatje (PNG, JPEG of WebP).', 'file');
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = actingWriter(tx, actor);
    const child = childOf(tx, me.caseId, data.childId);
    if (data.for === 'verhaal') requireAllowed(mayWriteChildStory(me.role), STORY_WRITERS_ONLY);
    else requireAllowed(houseAccess(tx, child, me, now).write, HOUSES_WRITERS_ONLY);
    const id = randomUUID();
    tx.insert(pictures)
      .values({
        id,
        caseId: me.caseId,
        mime,
        bytes: Buffer.from(bytes),
        sha256: createHash('sha256').update(bytes).digest('hex'),
        uploadedById: me.id,
        createdAt: now,
      })
      .run();
    recordAudit(tx, { type: 'picture-uploaded', ...byActor(actor), detail: { kind: child.id, voor: data.for, bytes: bytes.length, type: mime } }, now);
    return { pictureId: id, picture: `upload:${id}` };
  });
}

// ---------------------------------------------------------------------------
// Drie Huizen
// ---------------------------------------------------------------------------

export const AddHouseEntryInput = z.object({
  childId: ChildId,
  house: z.enum(HOUSES, { error: 'Kies een huis.' }),
  text: Text,
  picture: PictureField,
});

export function addHouseEntry(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(AddHouseEntryInput, input);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = actingWriter(tx, actor);
    const child = childOf(tx, me.caseId, data.childId);
    requireAllowed(houseAccess(tx, child, me, now).write, HOUSES_WRITERS_ONLY);
    const picture = checkedPicture(tx, me.caseId, me.id, data.picture);
    const id = randomUUID();
    tx.insert(houseEntries)
      .values({ id, caseId: me.caseId, childId: child.id, house: data.house, text: data.text, picture, createdById: me.id, createdAt: now })
      .run();
    recordAudit(tx, { type: 'house-entry-added', ...byActor(actor), detail: { kind: child.id, huis: data.house } }, now);
    return { entryId: id };
  });
}

export const WithdrawHouseEntryInput = z.object({ entryId: Id('Kies wat je uit het huis haalt.') });

/** Takes an entry out of a house: it stays in the history (struck through), for who may see the houses. */
export function withdrawHouseEntry(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(WithdrawHouseEntryInput, input);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = actingWriter(tx, actor);
    const entry = tx
      .select()
      .from(houseEntries)
      .where(and(eq(houseEntries.id, data.entryId), eq(houseEntries.caseId, me.caseId)))
      .get();
    const child = entry ? childInCase(tx, me.caseId, entry.childId) : undefined;
    const access = child ? houseAccess(tx, child, me, now) : undefined;
    // Someone who may not see the houses does not learn that the entry exists.
    if (!entry || !child || !access?.see) throw new NotFound('Dit staat niet (meer) in de huizen.', 'entryId');
    requireAllowed(access.write, HOUSES_WRITERS_ONLY);
    if (entry.withdrawnAt !== null) throw new InvalidInput('Dit is al uit het huis gehaald.', 'entryId');
    tx.update(houseEntries).set({ withdrawnAt: now, withdrawnById: me.id }).where(eq(houseEntries.id, entry.id)).run();
    recordAudit(tx, { type: 'house-entry-withdrawn', ...byActor(actor), detail: { kind: child.id, huis: entry.house } }, now);
    return { entryId: entry.id };
  });
}

export const SetHouseViewersInput = z.object({
  childId: ChildId,
  professionals: z.enum(['on', ''], { error: 'Een van de velden klopt niet.' }).optional(),
});
const VIEWER_FIELD = /^viewer-(.+)$/;

/**
 * Who may see a child's houses: checkboxes `viewer-<participantId>` (any
 * current participant of the case but the child) and `professionals` (only
 * from the deciding age can the young person turn the professionals off).
 */
export function setHouseViewers(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(SetHouseViewersInput, input);
  const chosen: string[] = [];
  for (const [key, value] of Object.entries(input as Record<string, unknown>)) {
    const m = VIEWER_FIELD.exec(key);
    if (!m) continue;
    if (value !== 'on') throw new InvalidInput('Een van de velden klopt niet.', key);
    chosen.push(parseInput(z.object({ id: Id('Deze persoon bestaat niet (meer).') }), { id: m[1] }).id);
  }
  if (chosen.length > 100) throw new InvalidInput('Dat zijn te veel mensen.', 'viewers');
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = actingWriter(tx, actor);
    const child = childOf(tx, me.caseId, data.childId);
    const access = houseAccess(tx, child, me, now);
    requireAllowed(
      access.choose,
      access.child.age >= access.rules.decidesAge
        ? 'Vanaf ' + access.rules.decidesAge + ' jaar kiest de jongere zelf wie de huizen mag zien.'
        : 'Een professional kiest samen met het kind wie de huizen mag zien.',
    );
    for (const id of chosen) {
      const p = participantInCase(tx, me.caseId, id);
      if (p.id === child.participantId) throw new InvalidInput('Het kind ziet de eigen huizen altijd.', `viewer-${id}`);
    }
    // Younger children make their houses with a professional beside them: the professionals keep seeing them.
    const forProfessionals = access.child.age < access.rules.decidesAge ? true : data.professionals === 'on';
    tx.delete(houseViewers).where(eq(houseViewers.childId, child.id)).run();
    for (const id of new Set(chosen)) tx.insert(houseViewers).values({ childId: child.id, participantId: id, chosenById: me.id, chosenAt: now }).run();
    tx.update(children).set({ housesForProfessionals: forProfessionals }).where(eq(children.id, child.id)).run();
    recordAudit(
      tx,
      { type: 'house-viewers-changed', ...byActor(actor), detail: { kind: child.id, mensen: new Set(chosen).size, professionals: forProfessionals } },
      now,
    );
    return { childId: child.id, viewers: [...new Set(chosen)], professionals: forProfessionals };
  });
}

// ---------------------------------------------------------------------------
// The child's own participant record
// ---------------------------------------------------------------------------

export const LinkChildParticipantInput = z.object({
  childId: ChildId,
  /** Empty: the child no longer has an own record. */
  participantId: z.union([z.literal(''), Id('Kies de jeugdige uit de lijst.')], { error: 'Kies de jeugdige uit de lijst.' }).optional(),
});

/**
 * Names the jeugdige participant who is this child (children.participantId):
 * the managers of participants decide. The record must be a current jeugdige
 * of the case and not another child's; a child under the age for an own link
 * cannot be named for someone who still has a working personal link.
 */
export function linkChildParticipant(deps: CommandDeps, actor: Actor, input: unknown) {
  const data = parseInput(LinkChildParticipantInput, input);
  const now = nowOf(deps);
  return commit(deps, (tx) => {
    const me = manager(tx, actor, 'Alleen de jeugdbeschermer of casusregisseur koppelt een kind aan een betrokkene.');
    const child = childOf(tx, me.caseId, data.childId);
    const participantId = data.participantId || null;
    if (participantId) {
      const p = participantInCase(tx, me.caseId, participantId);
      if (p.role !== 'jeugdige') throw new InvalidInput('Kies iemand met de rol jeugdige.', 'participantId');
      const other = tx
        .select({ id: children.id })
        .from(children)
        .where(and(eq(children.caseId, me.caseId), eq(children.participantId, participantId)))
        .get();
      if (other && other.id !== child.id) throw new InvalidInput('Deze jeugdige is al gekoppeld aan een ander kind.', 'participantId');
      const access = houseAccess(tx, { ...child, participantId }, { id: participantId, role: 'jeugdige' }, now);
      if (access.child.age < access.rules.ownLinkAge && hasWorkingLink(tx, participantId, now)) {
        throw new InvalidInput(
          `Dit kind is jonger dan ${access.rules.ownLinkAge} jaar en mag geen eigen link hebben. Trek eerst de link van deze jeugdige in.`,
          'participantId',
        );
      }
    }
    tx.update(children).set({ participantId }).where(eq(children.id, child.id)).run();
    recordAudit(tx, { type: 'child-participant-linked', ...byActor(actor), subjectParticipantId: participantId, detail: { kind: child.id } }, now);
    return { childId: child.id, participantId };
  });
}

/** Whether the participant has a personal link that still works (not revoked, not expired). */
function hasWorkingLink(tx: Tx, participantId: string, now: number): boolean {
  return Boolean(
    tx
      .select({ id: personalLinks.id })
      .from(personalLinks)
      .where(and(eq(personalLinks.participantId, participantId), isNull(personalLinks.revokedAt), gt(personalLinks.expiresAt, now)))
      .get(),
  );
}
