/**
 * Signing in on one's own phone, for route loaders (ADR 028): the device label
 * of a request and a person's live sessions. Routes import server code only
 * through `app/**.server` modules, so the database layer never reaches the browser.
 */
export { deviceLabel } from '../../server/auth/device.server';
export { listDeviceSessions, type DeviceSession } from '../../server/auth/sessions.server';
