/**
 * Signing in on one's own phone and inviting in one step, for route loaders
 * (ADR 028): the device label of a request, a person's live sessions, and a
 * fresh form token for the invite form. Routes import server code only
 * through `app/**.server` modules, so the database layer never reaches the browser.
 */
import { randomBytes } from 'node:crypto';

export { deviceLabel } from '../../server/auth/device.server';
export { listDeviceSessions, type DeviceSession } from '../../server/auth/sessions.server';
export { planActivity } from '../../server/cases/planViews.server';

/** A random token for a form, repeated by a double submit (the invite's `requestId`). */
export const newRequestId = () => randomBytes(16).toString('base64url');
