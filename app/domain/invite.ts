/**
 * Inviting a family or netwerk member in one step (ADR 028): the ready
 * message a professional copies or sends from their own mail or SMS app, in
 * plain Dutch (B1). The server sends nothing here. Pure code: the message
 * names the person's first name, the children's first names and who sends it;
 * the link is personal and the toegangscode never travels with it.
 */

/** "Sanne en Daan", "Sanne, Daan en Kim"; no children: null. */
export function childrenText(firstNames: string[]): string | null {
  if (firstNames.length === 0) return null;
  if (firstNames.length === 1) return firstNames[0]!;
  return `${firstNames.slice(0, -1).join(', ')} en ${firstNames.at(-1)}`;
}

export interface InviteMessageInput {
  /** The invited person's name as the professional typed it; the message uses the first word. */
  name: string;
  childFirstNames: string[];
  url: string;
  /** The professional who sends it. */
  from: string;
  /** The link needs a toegangscode (given apart, never in this message). */
  withCode: boolean;
}

export function inviteMessage(m: InviteMessageInput): string {
  const first = m.name.trim().split(/\s+/)[0] || m.name.trim();
  const children = childrenText(m.childFirstNames);
  return [
    `Hoi ${first}, hier is je persoonlijke link voor het plan ${children ? `voor ${children}` : 'van jullie gezin'}:`,
    m.url,
    'Open hem op je eigen telefoon. De link is alleen voor jou: stuur hem niet door.',
    m.withCode ? 'Je hebt ook een toegangscode nodig. Die krijg je apart van mij.' : null,
    'Bewaar dit bericht. Met de link kun je het plan altijd weer openen.',
    `Groet, ${m.from}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** A mailto: address with the message as body (opens the professional's own mail app). */
export function mailtoHref(email: string | null, subject: string, body: string): string {
  return `mailto:${email ? encodeURIComponent(email).replace(/%40/g, '@') : ''}?subject=${encodeURIComponent(subject)}&body=${encodeURIComponent(body)}`;
}

/** An sms: address with the message as body (`?&body=` works on Android and iPhone). */
export function smsHref(phone: string | null, body: string): string {
  return `sms:${phone ? phone.replace(/[^\d+]/g, '') : ''}?&body=${encodeURIComponent(body)}`;
}

export const INVITE_SUBJECT = 'Je persoonlijke link voor het plan';
