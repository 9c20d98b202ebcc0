/**
 * Bridge for the second-factor pages (ADR 032): TOTP set-up helpers, the QR
 * code (made on our own server) and the beheerder's team overview. Routes
 * import server code only through `app/**.server` modules.
 */
export { newTotpSecret, totpUri } from '../../server/auth/totp.server';
export { teamSecurity, type AccountSecurity } from '../../server/auth/security.server';
export { qrSvg } from './qr.server';
