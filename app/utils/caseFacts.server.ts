/**
 * Server-only reads the case-facts pages need (Casusgegevens, Nieuwe casus,
 * the family home), in one module under app/ so the Remix compiler keeps
 * them (and the database code behind them) out of the browser bundle.
 * Read-only: every change goes through the commands.
 */
export { todayIso } from '../../server/cases/regie.server';
export { caseEventsOf, childrenOfCase } from '../../server/cases/caseFactsView.server';
export { whatHappensNow } from '../../server/cases/familyTrajectory.server';
export { CommandError } from '../../server/commands/errors';
