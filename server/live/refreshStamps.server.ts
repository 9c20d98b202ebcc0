/**
 * Refresh stamps: facts that live in SQLite (scale scores, akkoord answers)
 * are not in the Yjs documents, so after such a fact committed the server
 * writes a time into the document's `meta` map; every open page watches that
 * key and reloads its data. Only the server writes these keys (the keys are
 * named once in app/domain/).
 */
import { KAART_META_KEYS } from '../../app/domain/kaart';
import { PLAN_META_KEYS } from '../../app/domain/plan';
import type { SyncServer } from '../sync/syncServer.server';

export function createRefreshStamps(sync: SyncServer) {
  return {
    /** Someone's scale score changed: kaart pages reload the scores. */
    scoresChanged(caseId: string, participantId: string, at = Date.now()) {
      sync.room(caseId, 'kaart').applyServerChange({ participantId, connectionId: null }, (doc) => doc.getMap('meta').set(KAART_META_KEYS.scoresChangedAt, at));
    },
    /** The running netwerkberaad changed (started, focus, attendance, round, ended): session pages reload. */
    meetingChanged(caseId: string, participantId: string, at = Date.now()) {
      sync
        .room(caseId, 'kaart')
        .applyServerChange({ participantId, connectionId: null }, (doc) => doc.getMap('meta').set(KAART_META_KEYS.meetingChangedAt, at));
    },
    /** Akkoord was asked or answered: plan pages reload the acceptance panel. */
    acceptanceChanged(caseId: string, participantId: string, at = Date.now()) {
      sync
        .room(caseId, 'plan')
        .applyServerChange({ participantId, connectionId: null }, (doc) => doc.getMap('meta').set(PLAN_META_KEYS.acceptanceChangedAt, at));
    },
    /** A check-in was reported: plan pages reload the history of the afspraken. */
    checkInsChanged(caseId: string, participantId: string, at = Date.now()) {
      sync.room(caseId, 'plan').applyServerChange({ participantId, connectionId: null }, (doc) => doc.getMap('meta').set(PLAN_META_KEYS.checkInsChangedAt, at));
    },
  };
}
export type RefreshStamps = ReturnType<typeof createRefreshStamps>;
