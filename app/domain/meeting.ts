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
import { afspraakOf, describeWhen } from './plan';
import { firstWords } from './changes';
import { SCALE_MAX, SCALE_MIN } from './scale';

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

/** Items of `after` that did not exist in `before` and were withdrawn before the end: as if never written. */
function withoutWithdrawnNew(before: CaseRendering, after: CaseRendering): CaseRendering {
  const doc = (b: { sections: Record<string, ItemJSON[]> }, a: { sections: Record<string, ItemJSON[]> }) => {
    const known = new Set(
      Object.values(b.sections)
        .flat()
        .map((i) => i.id),
    );
    return {
      ...a,
      sections: Object.fromEntries(Object.entries(a.sections).map(([id, items]) => [id, items.filter((i) => known.has(i.id) || i.status !== 'ingetrokken')])),
    };
  };
  return {
    kaart: doc(before.kaart, after.kaart),
    plan: doc(before.plan, after.plan),
    bodemeisen: doc(before.bodemeisen, after.bodemeisen),
    scores: after.scores,
  };
}

/**
 * The summary of a meeting from the case before and after it. Scores are left
 * to the rounds (they say it better: who gave what, with their toelichting);
 * an item written and withdrawn again during the meeting is left out of the
 * changes and the new afspraken.
 */
export function buildMeetingSummary(input: MeetingSummaryInput): MeetingSummary {
  const after = withoutWithdrawnNew(input.before, input.after);
  const known = new Set(Object.values(input.before.plan.sections).flatMap((items) => items.map((i) => i.id)));
  const added = (after.plan.sections.afspraken ?? []).filter((i: ItemJSON) => !known.has(i.id));
  return {
    startedAt: input.startedAt,
    endedAt: input.endedAt,
    facilitator: input.facilitator,
    attendees: input.attendees,
    changes: diffCase(input.before, { ...after, scores: input.before.scores }),
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

/** The documents a summary groups its changes by, in page order (scores are in the rounds). */
export const SUMMARY_DOCUMENTS = ['Kaart', 'Veiligheidsplan', 'Bodemeisen'] as const;

/** Headings of the kinds of change, in the order a summary lists them. */
export const SUMMARY_CHANGE_KINDS: { kind: DiffLine['kind']; label: string }[] = [
  { kind: 'toegevoegd', label: 'Nieuw' },
  { kind: 'gewijzigd', label: 'Aangepast' },
  { kind: 'verplaatst', label: 'Verplaatst' },
  { kind: 'opgelost', label: 'Opgelost' },
  { kind: 'ingetrokken', label: 'Ingetrokken' },
  { kind: 'weer actueel', label: 'Weer actueel' },
  { kind: 'verwijderd', label: 'Verwijderd' },
];

/** A summary's changes by document and then by kind; empty documents and kinds are left out. */
export function groupSummaryChanges(changes: readonly DiffLine[]) {
  return SUMMARY_DOCUMENTS.map((document) => ({
    document,
    kinds: SUMMARY_CHANGE_KINDS.map(({ kind, label }) => ({
      kind,
      label,
      lines: changes.filter((c) => c.document === document && c.kind === kind),
    })).filter((k) => k.lines.length > 0),
  })).filter((d) => d.kinds.length > 0);
}

const list = (names: string[]) => (names.length > 1 ? `${names.slice(0, -1).join(', ')} en ${names.at(-1)}` : (names[0] ?? ''));
const dayFormat = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'Europe/Amsterdam' });
const isoDayFormat = new Intl.DateTimeFormat('nl-NL', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' });
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const counted = (n: number, one: string, more: string) => `${n} ${n === 1 ? one : more}`;
/** A quoted text as the end of a sentence: a full stop unless it already ends in one (or in "…"). */
const sentence = (text: string) => (/[.!?…]$/.test(text) ? text : `${text}.`);

/**
 * The same summary for the family home: short plain-Dutch sentences (B1), no
 * professional wording. Parts with nothing in them are left out.
 */
export function familySummaryLines(s: MeetingSummary): string[] {
  const lines: string[] = [];
  lines.push(`Op ${dayFormat.format(s.endedAt)} was er een netwerkberaad. ${s.facilitator} leidde het gesprek.`);
  if (s.attendees.length > 0) lines.push(`Erbij waren: ${list(s.attendees.map((a) => a.name))}.`);
  const count = (...kinds: DiffLine['kind'][]) => s.changes.filter((c) => kinds.includes(c.kind)).length;
  const added = count('toegevoegd');
  const changed = count('gewijzigd', 'verplaatst');
  const resolved = count('opgelost');
  const parts: string[] = [];
  if (added) parts.push(`${counted(added, 'nieuw punt', 'nieuwe punten')} opgeschreven`);
  if (changed) parts.push(`${counted(changed, 'keer', 'keer')} iets veranderd`);
  if (resolved) parts.push(`${counted(resolved, 'punt', 'punten')} opgelost`);
  if (parts.length) lines.push(`Samen hebben jullie ${list(parts)}.`);
  s.rounds
    .filter((round) => round.scores.length > 0)
    .forEach((round, n) => {
      const scores = list(round.scores.map((x) => `${x.name.split(' ')[0]} ${x.score}`));
      lines.push(
        n === 0
          ? `Iedereen gaf een cijfer van ${SCALE_MIN} tot ${SCALE_MAX}. Dit waren de cijfers: ${scores}.`
          : `Daarna gaf iedereen nog een keer een cijfer: ${scores}.`,
      );
    });
  for (const a of s.newAfspraken) {
    const who = a.wie.length ? ` ${capital(list(a.wie))} ${a.wie.length === 1 ? 'doet' : 'doen'} dit` : '';
    const when = a.wanneer ? `${who ? ',' : ' Dit gebeurt'} ${a.wanneer}` : '';
    lines.push(`Nieuwe afspraak: ${sentence(firstWords(a.wat, 14))}${who || when ? `${who}${when}.` : ''}`);
  }
  for (const n of s.notes.filter((x) => x.kind === 'beslissing')) lines.push(`Jullie hebben besloten: ${sentence(firstWords(n.text, 20))}`);
  if (s.nextMeetingDate) lines.push(`Het volgende netwerkberaad is op ${isoDayFormat.format(new Date(`${s.nextMeetingDate}T00:00:00Z`))}.`);
  return lines;
}

/** How a round's scores read on the wall: lowest, highest and all of them, in the order they were given. */
export function roundSpread(scores: readonly number[]): { lowest: number; highest: number } | null {
  if (scores.length === 0) return null;
  return { lowest: Math.min(...scores), highest: Math.max(...scores) };
}
