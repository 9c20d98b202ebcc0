/**
 * Versions (snapshots) of a case: the reasons a version is made, defined once
 * and reused by the database column, the form validation and the UI labels.
 * Pure code: no database, no transport.
 */
import type { Wording } from './wording';

/** The Versies page's title in both sets of words (ADR 029). */
export const VERSIONS_WORDS: Wording = {
  title: 'Versies',
  familyTitle: 'Eerdere versies van het plan',
  explain:
    'Het plan verandert soms. Op belangrijke momenten bewaren we hoe het plan toen was. Dat heet een versie. Zo kun je altijd terugzien wat er eerder stond.',
};

/** How often someone changed a document, in words ("1 keer", "3 keer"), instead of "(3×)". */
export function timesInWords(n: number): string {
  return `${n} keer`;
}

export const SNAPSHOT_REASONS = ['handmatig', 'sessie', 'overdracht', 'dagelijks', 'voor-herstel', 'akkoord', 'afsluiten'] as const;
export type SnapshotReason = (typeof SNAPSHOT_REASONS)[number];

/** Reasons a person may choose when saving a version by hand; the others are made by the app itself. */
export const MANUAL_SNAPSHOT_REASONS = ['handmatig', 'sessie', 'overdracht'] as const satisfies readonly SnapshotReason[];

export const SNAPSHOT_REASON_LABELS: Record<SnapshotReason, string> = {
  handmatig: 'Met de hand',
  sessie: 'Na een sessie',
  overdracht: 'Overdracht',
  dagelijks: 'Dagelijks',
  'voor-herstel': 'Voor een herstel',
  akkoord: 'Ter akkoord',
  afsluiten: 'Bij afsluiten',
};

export function isSnapshotReason(value: string): value is SnapshotReason {
  return (SNAPSHOT_REASONS as readonly string[]).includes(value);
}

/** The akkoord as it goes on paper and into an export (the print and the PDF show the same lines). */
export interface AkkoordOnPaper {
  label: string;
  at: number;
  planChangedSince: boolean;
  answers: { name: string; agreed: boolean | null; at: number | null; forOlderVersion: boolean }[];
}

export function akkoordOnPaper(view: {
  request: { label: string; createdAt: number } | null;
  planChangedSince: boolean;
  answers: readonly { name: string; agreed: boolean | null; at: number | null; forOlderVersion: boolean }[];
}): AkkoordOnPaper | null {
  if (!view.request) return null;
  return {
    label: view.request.label,
    at: view.request.createdAt,
    planChangedSince: view.planChangedSince,
    answers: view.answers.map((a) => ({ name: a.name, agreed: a.agreed, at: a.at, forOlderVersion: a.forOlderVersion })),
  };
}
