/**
 * The check-in read side for route loaders. Routes import server code only
 * through `app/**.server` modules: the Remix compiler empties those in the
 * browser bundle, so the database layer never reaches the browser.
 */
export { checkInQueries, UNREPORTED_DAYS, type AfspraakCheckIns, type CheckInRow, type MyAfspraak } from '../../server/cases/checkIns.server';
