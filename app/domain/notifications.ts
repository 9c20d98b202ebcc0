/**
 * Notifications (SPEC §2.7): the channels and the content-free messages a
 * person can get. A message names no plan content and no full names: only
 * that something happened and where to look. Pure code.
 */
export const OUTBOX_CHANNELS = ['email', 'sms'] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

/** Why a family or netwerk member is notified (each is opt-in through their own settings). */
export const NOTIFICATION_REASONS = [
  'akkoord-gevraagd',
  'bodemeisen-gewijzigd',
  'regisseur-gewijzigd',
  'vervanger',
  'evaluatie-over-7-dagen',
  'afspraak-vandaag',
  'check-in-gemist',
  'vraag-beantwoord',
] as const;
export type NotificationReason = (typeof NOTIFICATION_REASONS)[number];
