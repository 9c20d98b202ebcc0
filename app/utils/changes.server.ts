/**
 * Server-only read for "Wat is er veranderd": the documents as they were at a
 * moment (app/domain/changes.ts compares them with the live ones). Routes
 * import server code only through `app/**.server` modules (ADR 018).
 */
export { documentsAt } from '../../server/cases/documentsAt.server';
