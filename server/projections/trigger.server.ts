/**
 * When projections run: after a change of a live document is durable, the
 * projections of that document are rebuilt (today: the afspraken of the
 * plan). The sync engine calls this hook; it knows nothing of projections.
 */
import type { Room } from '../sync/room.server';
import type { AfsprakenProjection } from './afspraken.server';

export function projectOnChange(projections: { afspraken: AfsprakenProjection }) {
  return (room: Room): void => {
    if (room.document === 'plan') projections.afspraken.project(room.caseId, room.doc);
  };
}
