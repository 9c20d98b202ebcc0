/**
 * Codes shared by the sync server and the browser: WebSocket close codes and
 * the reasons of y-protocols "permission-denied" messages. Pure constants.
 */
export const CLOSE_UNAUTHENTICATED = 4401;
export const CLOSE_ACCESS_REVOKED = 4403;
export const CLOSE_BAD_MESSAGES = 4400;

/** The client stops reconnecting after these. */
export const FINAL_CLOSE_CODES: readonly number[] = [CLOSE_UNAUTHENTICATED, CLOSE_ACCESS_REVOKED, CLOSE_BAD_MESSAGES];

export const DENIED_READ_ONLY = 'read-only';
export const DENIED_REVOKED = 'access-revoked';
export const DENIED_TOO_LARGE = 'document-too-large';
/** An update broke the document's schema or an item rule: it was not stored; the client's copy is out of step. */
export const DENIED_REFUSED = 'update-refused';
/** A log quota is used up: the update was not stored. */
export const DENIED_QUOTA = 'quota-exceeded';
