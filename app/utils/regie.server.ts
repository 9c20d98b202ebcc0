/**
 * The regie read side for route loaders (ADR 018). Routes import server code
 * only through `app/**.server` modules: the Remix compiler empties those in
 * the browser bundle, so the database layer never reaches the browser.
 */
export { regieQueries, type AbsenceView, type HelpView, type OverdrachtView, type RegieSummary } from '../../server/cases/regieView.server';
export { todayIso } from '../../server/cases/regie.server';
