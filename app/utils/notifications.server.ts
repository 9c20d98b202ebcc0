/**
 * The notification read side for route loaders (a bridge: routes import
 * server code only through app/**.server modules). Read only.
 */
export { digestOf, notificationSettingsOf } from '../../server/commands/notifications.server';
