/** Shared by the e2e server process and the browser tests. Not a real secret. */
export const E2E_SESSION_SECRET = 'e2e-secret-not-for-production';
