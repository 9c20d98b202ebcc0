/**
 * The netwerkberaad (SPEC §2.5) as pure data: what the facilitator can put in
 * focus, the join code, the kinds of notes, and the summary written when a
 * meeting ends — for the professionals and, in plain Dutch, for the family.
 * Pure code: no database, no transport. In code a facilitated session is a
 * "meeting", so it is never confused with a sign-in session; people read
 * "sessie" or "netwerkberaad".
 */
import { diffCase, type CaseRendering, type DiffLine } from './diff';
import type { ItemJSON } from './items';
import { KAART_COLUMNS } from './kaart';
import { afspraakOf, describeWhen, formatIsoDay } from './plan';
import { firstWords } from './changes';

export const MEETING_NOTE_KINDS = ['notitie', 'beslissing'] as const;
export type MeetingNoteKind = (typeof MEETING_NOTE_KINDS)[number];
export const MEETING_NOTE_LABELS: Record<MeetingNoteKind, string> = { notitie: 'Notitie', beslissing: 'Beslissing' };
export const MAX_MEETING_NOTE_CHARS = 2000;

/** What can be under discussion: the whole kaart, one of its columns, the scale, the plan or the bodemeisen. */
export const MEETING_FOCI = ['kaart', ...KAART_COLUMNS.map((c) => c.id), 'schaal', 'plan', 'bodemeisen'] as const;
export type MeetingFocus = (typeof MEETING_FOCI)[number];

export const MEETING_FOCUS_LABELS: Record<MeetingFocus, string> = {
  kaart: 'De hele kaart',
  ...(Object.fromEntries(KAART_COLUMNS.map((c) => [c.id, c.title])) as Record<(typeof KAART_COLUMNS)[number]['id'], string>),
  schaal: 'De schaal',
  plan: 'Het veiligheidsplan',
  bodemeisen: 'De bodemeisen',
};

export function isMeetingFocus(value: unknown): value is MeetingFocus {
  return typeof value === 'string' && (MEETING_FOCI as readonly string[]).includes(value);
}

/** Which live document shows a focus. */
export function focusDocument(focus: MeetingFocus): 'kaart' | 'plan' | 'bodemeisen' {
  return focus === 'plan' || focus === 'bodemeisen' ? focus : 'kaart';
}

/** Join codes: six characters without look-alikes (no 0/O, 1/I/L), shown as "ABC 234". */
export const MEETING_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const MEETING_CODE_LENGTH = 6;

/** A typed or scanned code in its stored form (upper case, no spaces or dashes), or null when it cannot be one. */
export function normalizeMeetingCode(input: unknown): string | null {
  if (typeof input !== 'string' || input.length > 20) return null;
  const code = input.replace(/[\s-]/g, '').toUpperCase();
  if (code.length !== MEETING_CODE_LENGTH) return null;
  for (const ch of code) if (!MEETING_CODE_ALPHABET.includes(ch)) return null;
  return code;
}

export function formatMeetingCode(code: string): string {
  return `${code.slice(0, 3)} ${code.slice(3)}`;
}

/** A new random code from 32-bit random values (the caller supplies them: crypto on the server). */
export function meetingCodeFrom(random: Uint32Array): string {
  let code = '';
  for (let i = 0; i < MEETING_CODE_LENGTH; i++) code += MEETING_CODE_ALPHABET[random[i]! % MEETING_CODE_ALPHABET.length];
  return code;
}

export interface MeetingRoundResult {
  openedAt: number;
  revealedAt: number;
  scores: { participantId: string; name: string; score: number; explanation: string | null }[];
}

export interface MeetingSummary {
  startedAt: number;
  endedAt: number;
  facilitator: string;
  attendees: { participantId: string; name: string; role: string }[];
  /** What changed in the documents during the meeting (professional wording, app/domain/diff.ts). */
  changes: DiffLine[];
  rounds: MeetingRoundResult[];
  notes: { kind: MeetingNoteKind; text: string; by: string; at: number }[];
  /** Afspraken that did not exist when the meeting started: what, who, when. */
  newAfspraken: { id: string; wat: string; wie: string[]; wanneer: string | null }[];
  nextMeetingDate: string | null;
}

export interface MeetingSummaryInput {
  startedAt: number;
  endedAt: number;
  facilitator: string;
  attendees: MeetingSummary['attendees'];
  before: CaseRendering;
  after: CaseRendering;
  rounds: MeetingRoundResult[];
  notes: MeetingSummary['notes'];
  nextMeetingDate: string | null;
  /** A participant's name by id (for "who does it"); unknown ids read as "iemand". */
  nameOf: (participantId: string) => string | undefined;
}

/** The summary of a meeting from the case before and after it (scores are left to the rounds: they say it better). */
export function buildMeetingSummary(input: MeetingSummaryInput): MeetingSummary {
  const known = new Set(Object.values(input.before.plan.sections).flatMap((items) => items.map((i) => i.id)));
  const added = (input.after.plan.sections.afspraken ?? []).filter((i: ItemJSON) => !known.has(i.id) && i.status !== 'ingetrokken');
  return {
    startedAt: input.startedAt,
    endedAt: input.endedAt,
    facilitator: input.facilitator,
    attendees: input.attendees,
    changes: diffCase(input.before, { ...input.after, scores: input.before.scores }),
    rounds: input.rounds,
    notes: input.notes,
    newAfspraken: added.map((item) => {
      const a = afspraakOf(item, 'afspraak');
      return {
        id: a.id,
        wat: a.wat,
        wie: a.wie.map((id) => input.nameOf(id) ?? 'iemand'),
        wanneer: describeWhen(a) ?? (a.wanneer.trim() || null),
      };
    }),
    nextMeetingDate: input.nextMeetingDate,
  };
}

const list = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} en ${names.at(-1)}` : (names[0] ?? ''));
const dayFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', timeZone: 'Europe/Amsterdam' });

/** The same summary for the family home: short plain-Dutch sentences (B1), no professional wording. */
export function familySummaryLines(s: MeetingSummary): string[] {
  const lines: string[] = [];
  lines.push(`Op ${dayFormat.format(s.endedAt)} was er een netwerkberaad. ${s.facilitator} leidde het gesprek.`);
  if (s.attendees.length > 0) lines.push(`Erbij waren: ${list(s.attendees.map((a) => a.name))}.`);
  const count = (kind: DiffLine['kind']) => s.changes.filter((c) => c.kind === kind).length;
  const added = count('toegevoegd');
  const resolved = count('opgelost');
  const changed = count('gewijzigd') + count('verplaatst');
  const parts: string[] = [];
  if (added) parts.push(`${added} ${added === 1 ? 'punt' : 'punten'} bijgeschreven`);
  if (changed) parts.push(`${changed} keer iets aangepast`);
  if (resolved) parts.push(`${resolved} ${resolved === 1 ? 'zorg of punt' : 'zorgen of punten'} opgelost`);
  if (parts.length) lines.push(`Samen hebben jullie ${list(parts)}.`);
  for (const round of s.rounds) {
    if (round.scores.length === 0) continue;
    const scores = round.scores.map((x) => x.score);
    lines.push(`Iedereen gaf een cijfer van 0 tot 10. De cijfers waren: ${scores.join(', ')}.`);
  }
  for (const a of s.newAfspraken) {
    const who = a.wie.length ? `${list(a.wie)}: ` : '';
    lines.push(`Nieuwe afspraak. ${who}${firstWords(a.wat, 14)}${a.wanneer ? ` (${a.wanneer})` : ''}.`);
  }
  for (const n of s.notes.filter((x) => x.kind === 'beslissing')) lines.push(`Besproken en besloten: ${firstWords(n.text, 20)}`);
  if (s.nextMeetingDate) lines.push(`Het volgende netwerkberaad is op ${formatIsoDay(s.nextMeetingDate, true)}.`);
  return lines;
}

/** How a round's scores read on the wall: lowest, highest and all of them, in the order they were given. */
export function roundSpread(scores: readonly number[]): { lowest: number; highest: number } | null {
  if (scores.length === 0) return null;
  return { lowest: Math.min(...scores), highest: Math.max(...scores) };
}
