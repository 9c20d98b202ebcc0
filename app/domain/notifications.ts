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

/** What the outbox can send: a family notification (a reason) or a professional's daily digest. */
export const DIGEST_TEMPLATE = 'dagoverzicht';
export type OutboxTemplate = NotificationReason | typeof DIGEST_TEMPLATE;

/** A message as sent: a subject (e-mail only) and a plain text body. */
export interface OutboxMessage {
  subject: string;
  text: string;
}

/** "Sanne", "Sanne en Daan", "Sanne, Daan en Noor" — first names only; without children "jullie gezin". */
export function childrenPhrase(firstNames: readonly string[]): string {
  const names = firstNames.map((n) => n.trim().split(/\s+/)[0] ?? '').filter(Boolean);
  if (names.length === 0) return 'jullie gezin';
  if (names.length === 1) return names[0]!;
  return `${names.slice(0, -1).join(', ')} en ${names.at(-1)}`;
}

/** Where to look: the person's own link. The link itself is never in a message (a message can be read by others). */
const LOOK = 'Open je persoonlijke link om te kijken.';

/** Subject and first sentence per reason: plain B1 Dutch, no plan content, no full names. */
const TEXTS: Record<NotificationReason, { subject: string; line: (children: string) => string; look?: string }> = {
  'akkoord-gevraagd': {
    subject: 'Vraag om akkoord',
    line: (c) => `Er is een vraag voor jou over het plan voor ${c}. Ben je het eens met het plan?`,
    look: 'Open je persoonlijke link om het plan te lezen en te antwoorden.',
  },
  'bodemeisen-gewijzigd': {
    subject: 'Er is iets veranderd',
    line: (c) => `Er is iets veranderd in de bodemeisen voor ${c}. Dat is wat er minimaal moet gebeuren zodat ${c} veilig is.`,
  },
  'regisseur-gewijzigd': {
    subject: 'Nieuwe regisseur',
    line: (c) => `Er is een nieuwe regisseur voor het plan voor ${c}. De regisseur houdt het plan bij en is je vaste contact.`,
  },
  vervanger: {
    subject: 'Iemand anders even je contact',
    line: (c) => `Iemand van het plan voor ${c} is een tijdje weg. Er is iemand anders die je dan kunt bellen.`,
  },
  'evaluatie-over-7-dagen': {
    subject: 'Over een week kijken jullie naar het plan',
    line: (c) => `Over 7 dagen kijken jullie samen of het plan voor ${c} goed werkt.`,
  },
  'afspraak-vandaag': {
    subject: 'Vandaag een afspraak',
    line: (c) => `Vandaag staat er een afspraak voor jou in het plan voor ${c}.`,
  },
  'check-in-gemist': {
    subject: 'Hoe ging je afspraak?',
    line: (c) => `Gisteren stond er een afspraak voor jou in het plan voor ${c}. Wil je laten weten hoe het ging?`,
  },
  'vraag-beantwoord': {
    subject: 'Je vraag is beantwoord',
    line: (c) => `Je hebt een vraag gesteld over het plan voor ${c}. Er is nu een antwoord.`,
  },
};

const SIGNATURE = 'Dit bericht komt van Veiligplan. Wil je geen berichten meer? Dat kun je zelf aanpassen onder "Berichten" in het plan.';

/** The content-free message of a family notification (params: only the children's first names). */
export function notificationMessage(reason: NotificationReason, params: { children?: readonly string[] }): OutboxMessage {
  const t = TEXTS[reason];
  const c = childrenPhrase(params.children ?? []);
  return { subject: `Veiligplan: ${t.subject}`, text: `${t.line(c)} ${t.look ?? LOOK}\n\n${SIGNATURE}` };
}

/** One case's line in a professional's daily digest: the case title (professional context) and counts only. */
export interface DigestCase {
  title: string;
  openQuestions: number;
  unreported: number;
  answers: number;
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * "In een casus: 2 open vragen, 1 afspraak niet gemeld" — counts only: no plan
 * content and no family name in a mail (which case it is, Mijn overzicht says).
 */
export function digestLine(c: DigestCase): string | null {
  const parts = [
    c.openQuestions > 0 ? count(c.openQuestions, 'open vraag', 'open vragen') : null,
    c.unreported > 0 ? count(c.unreported, 'afspraak niet gemeld', 'afspraken niet gemeld') : null,
    c.answers > 0 ? count(c.answers, 'nieuw antwoord op akkoord', 'nieuwe antwoorden op akkoord') : null,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? `In een casus: ${parts.join(', ')}` : null;
}

/** A professional's daily digest e-mail. */
export function digestMessage(cases: readonly DigestCase[]): OutboxMessage {
  const lines = cases.map(digestLine).filter((l): l is string => l !== null);
  return {
    subject: 'Veiligplan: je dagoverzicht',
    text: [
      'Goedemorgen. Dit is er sinds gisteren in je casussen (welke, zie je op Mijn overzicht):',
      '',
      ...lines.map((l) => `- ${l}`),
      '',
      'Log in bij Veiligplan en kijk op Mijn overzicht. Dit bericht uitzetten kan ook op Mijn overzicht.',
    ].join('\n'),
  };
}

/** The message of an outbox row, made at send time from its template and content-free params. */
export function outboxMessage(template: string, paramsJson: string): OutboxMessage {
  const params = safeParams(paramsJson);
  if (template === DIGEST_TEMPLATE) return digestMessage(Array.isArray(params.cases) ? (params.cases as DigestCase[]) : []);
  if ((NOTIFICATION_REASONS as readonly string[]).includes(template)) {
    const children = Array.isArray(params.children) ? params.children.filter((c): c is string => typeof c === 'string') : [];
    return notificationMessage(template as NotificationReason, { children });
  }
  throw new Error('unknown outbox template');
}

function safeParams(json: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** What a person's own notification settings page offers (labels in B1). */
export const NOTIFICATION_SETTINGS_TEXT = {
  question: 'Wil je een bericht krijgen als er iets belangrijks is?',
  explain: 'Je krijgt dan een kort bericht. Er staat niets uit het plan in, alleen dát er iets is. Kijken doe je zelf, met je persoonlijke link.',
  email: 'Ja, stuur een e-mail',
  sms: 'Ja, stuur een sms',
} as const;
