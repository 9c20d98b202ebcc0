/**
 * The child's own voice (SPEC §2.6): Woorden en Plaatjes (a professional
 * writes what happened and what the plan means, for one child) and the Drie
 * Huizen (the child's own document): vocabulary, the bundled pictures, the
 * age rules and who may write, see and choose (one place; the commands and
 * the pages both ask these functions). Pure code: no database, no transport.
 */
import { isProfessionalRole, type Role } from './caseFacts';
import { canWriteDocument } from './permissions';

export const CHILD_STORY_PARTS = ['gebeurd', 'plan'] as const;
export type ChildStoryPart = (typeof CHILD_STORY_PARTS)[number];
export const CHILD_STORY_PART_LABELS: Record<ChildStoryPart, string> = {
  gebeurd: 'Wat is er gebeurd?',
  plan: 'Wat gaat er nu gebeuren?',
};

export const HOUSES = ['zorgen', 'goed', 'dromen'] as const;
export type House = (typeof HOUSES)[number];
export const HOUSE_LABELS: Record<House, string> = {
  zorgen: 'Huis van zorgen',
  goed: 'Huis van goede dingen',
  dromen: 'Huis van dromen',
};

// ---------------------------------------------------------------------------
// Pictures: a bundled set (drawn as inline SVG in app/components/childVoice)
// and uploads. A stored reference is `bundled:<name>` or `upload:<picture id>`.
// ---------------------------------------------------------------------------

export const BUNDLED_PICTURES = [
  'huis',
  'school',
  'oma',
  'telefoon',
  'bed',
  'hart',
  'zon',
  'wolk',
  'politie',
  'dokter',
  'spelen',
  'eten',
  'gezin',
  'boom',
  'ster',
  'traan',
] as const;
export type BundledPicture = (typeof BUNDLED_PICTURES)[number];
export const BUNDLED_PICTURE_LABELS: Record<BundledPicture, string> = {
  huis: 'Huis',
  school: 'School',
  oma: 'Oma',
  telefoon: 'Telefoon',
  bed: 'Bed',
  hart: 'Hart',
  zon: 'Zon',
  wolk: 'Wolk met regen',
  politie: 'Politie',
  dokter: 'Dokter',
  spelen: 'Spelen',
  eten: 'Eten',
  gezin: 'Gezin',
  boom: 'Boom',
  ster: 'Ster',
  traan: 'Verdrietig gezicht',
};

export type PictureRef = { kind: 'bundled'; name: BundledPicture } | { kind: 'upload'; id: string };

/** Reads a stored or posted picture reference; anything else is null (no picture). */
export function parsePictureRef(value: string | null | undefined): PictureRef | null {
  if (!value) return null;
  const bundled = /^bundled:([a-z]{1,20})$/.exec(value);
  if (bundled && (BUNDLED_PICTURES as readonly string[]).includes(bundled[1]!)) return { kind: 'bundled', name: bundled[1] as BundledPicture };
  const upload = /^upload:([A-Za-z0-9-]{1,64})$/.exec(value);
  if (upload) return { kind: 'upload', id: upload[1]! };
  return null;
}

/** Uploads: only these image types (checked by their first bytes, not by name or declared type), at most MAX_PICTURE_BYTES. */
export const PICTURE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
export type PictureMime = (typeof PICTURE_MIME_TYPES)[number];
export const MAX_PICTURE_BYTES = 2 * 1024 * 1024;

/** The image type by magic bytes (PNG, JPEG, WebP); anything else (SVG, GIF, text) is null. */
export function pictureMimeOf(bytes: Uint8Array): PictureMime | null {
  const starts = (sig: number[], at = 0) => bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
  if (starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (starts([0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (starts([0x52, 0x49, 0x46, 0x46]) && starts([0x57, 0x45, 0x42, 0x50], 8)) return 'image/webp';
  return null;
}

// ---------------------------------------------------------------------------
// Age rules (organisation settings, SPEC §2.6) and who may do what.
// ---------------------------------------------------------------------------

/** The organisation's age rules: an own personal link from `ownLinkAge`; from `decidesAge` the young person alone chooses who sees their houses. */
export interface AgeRules {
  ownLinkAge: number;
  decidesAge: number;
}
export const DEFAULT_AGE_RULES: AgeRules = { ownLinkAge: 12, decidesAge: 16 };

/** Age from the birth year only (the case keeps no birth dates): this year minus the birth year. */
export function childAge(birthYear: number, today: string | number): number {
  const year = typeof today === 'number' ? new Date(today).getUTCFullYear() : Number(today.slice(0, 4));
  return year - birthYear;
}

/** Under `ownLinkAge` a child takes part only through a professional: no personal link of their own. */
export function mayHaveOwnLink(age: number, rules: AgeRules): boolean {
  return age >= rules.ownLinkAge;
}

/** Professionals who work in the case (not the meelezer, who only reads). */
const worksInCase = (role: Role) => isProfessionalRole(role) && role !== 'meelezer';

/**
 * Woorden en Plaatjes: written by a professional who may write the plan —
 * the jeugdbeschermer, the casusregisseur and the other professional (often
 * the one who sits with the child). Family, netwerk and meelezer read it.
 */
export function mayWriteChildStory(role: Role): boolean {
  return worksInCase(role) && canWriteDocument(role, 'plan');
}

/** Woorden en Plaatjes are for the whole case to read (like the plan): the family explains it to the child too. */
export function mayReadChildStory(_role: Role): boolean {
  return true;
}

/** What the rules about one child's houses need to know of the viewer and the child. */
export interface HouseViewer {
  role: Role;
  /** The viewer is the child's own participant record (children.participantId). */
  isTheChild: boolean;
}
export interface HouseChild {
  age: number;
  /** The child has an own participant record (a jeugdige in this case). */
  hasOwnRecord: boolean;
  housesForProfessionals: boolean;
  /** Participant ids the child chose (house_viewers). */
  viewers: readonly string[];
}

/** Whether the child writes (and sees, and chooses for) their houses themself: own record, and old enough for an own link. */
export function childActsThemself(child: HouseChild, rules: AgeRules): boolean {
  return child.hasOwnRecord && mayHaveOwnLink(child.age, rules);
}

/**
 * Who sees a child's houses: the child themself, the case's professionals
 * (not the meelezer) while `housesForProfessionals` — always for a child under
 * `decidesAge`, who makes them with a professional beside them — and the
 * people the child chose.
 */
export function maySeeHouses(viewer: HouseViewer & { participantId: string }, child: HouseChild, rules: AgeRules): boolean {
  if (viewer.isTheChild) return true;
  if (worksInCase(viewer.role) && (child.housesForProfessionals || child.age < rules.decidesAge)) return true;
  return child.viewers.includes(viewer.participantId);
}

/**
 * Who writes in (and takes out of) a child's houses: the child themself once
 * they have an own link (own record, at least `ownLinkAge`), or a
 * professional of the case beside them — only while that professional may
 * see the houses. Nobody else.
 */
export function mayWriteHouses(viewer: HouseViewer & { participantId: string }, child: HouseChild, rules: AgeRules): boolean {
  if (viewer.isTheChild) return childActsThemself(child, rules);
  return worksInCase(viewer.role) && maySeeHouses(viewer, child, rules);
}

/**
 * Who chooses who sees the houses: under `decidesAge` a professional of the
 * case, together with the child (the child's own wish, entered by the
 * professional); from `decidesAge` only the young person, on their own link.
 */
export function mayChooseHouseViewers(viewer: HouseViewer, child: HouseChild, rules: AgeRules): boolean {
  if (child.age >= rules.decidesAge) return viewer.isTheChild && child.hasOwnRecord;
  return worksInCase(viewer.role);
}
