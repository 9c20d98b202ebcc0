/**
 * What the family home shows of the trajectory (SPEC §2.4): the words for
 * the current step from app/domain/trajectory.ts, the next look from the
 * evaluation date, and the case events since the last visit in plain Dutch.
 * Only events the family is told about (describeEventForFamily non-null)
 * leave the server.
 */
import { describeEventForFamily } from '../../app/domain/caseEvents';
import type { DrangService, Kader, MaatregelType } from '../../app/domain/caseFacts';
import { familyStepTexts, whenNextLook, type WhatHappensNowData } from '../../app/domain/trajectory';
import type { Db } from '../../db/database.server';
import { listCaseEvents } from './events.server';
import { todayIso } from './regie.server';

export function whatHappensNow(
  db: Db,
  c: { id: string; kader: Kader; maatregelType: MaatregelType | null; kaderService: DrangService | null; nextEvaluationDate: string | null },
  /** The viewer's previous visit (ms); 0 = first visit: no list of changes then. */
  since: number,
  now: number = Date.now(),
): WhatHappensNowData {
  const texts = familyStepTexts({ kader: c.kader, maatregelType: c.maatregelType, service: c.kaderService });
  const events = since
    ? listCaseEvents(db, c.id, { since, newestFirst: true })
        .map((e) => ({ id: e.id, text: describeEventForFamily(e) }))
        .filter((e): e is { id: number; text: string } => e.text !== null)
        .slice(0, 10)
    : [];
  return { now: texts.now, whenNext: whenNextLook(c.nextEvaluationDate, todayIso(now)), ifNotWorking: texts.ifNotWorking, events };
}
