/**
 * The Logboek in sentences (ADR 036): every audit type has one Dutch sentence
 * ("Linda Bakker heeft de kaart bekeken"). Invariant: a sentence is built only
 * from names handed in and from values this module knows (a role, a page, a
 * number, a yes/no) — never a raw key, an id, a hash or free text from a
 * detail; a value it does not know is left out. A missing name is "Iemand".
 * Pure code: the server resolves names (participants, removed ones too, and
 * accounts), version labels and children's first names.
 */
import type { AuditType } from './audit';
import type { Role } from './caseFacts';
import { HOUSE_LABELS, type House } from './childVoice';
import { CHECK_IN_LABELS, type CheckInResult } from './checkIns';

/** Page size of the Logboek. */
export const LOGBOEK_PAGE_SIZE = 50;

/** Views within this window count once per person per case (one 'case-viewed' row). */
export const VIEW_WINDOW_MS = 5 * 60_000;

/**
 * Viewing and access rows: hidden by default, shown with "Ook bekijken tonen".
 * Everything else is a change and shows always.
 */
export const LOGBOEK_VIEW_TYPES = [
  'case-viewed',
  'link-opened',
  'login',
  'login-failed',
  'logout',
  'code-wrong',
  'link-refused',
  'access-refused',
  'session-refused',
  'request-refused',
  'second-factor-failed',
  'meeting-joined',
] as const satisfies readonly AuditType[];

export const isViewType = (t: string) => (LOGBOEK_VIEW_TYPES as readonly string[]).includes(t);

/** The `soort` filter value for "every case event" and the prefix of one event type. */
export const ALL_EVENTS = 'gebeurtenissen';
export const EVENT_PREFIX = 'gebeurtenis:';

/** The Logboek's sources in their order at the same moment: the change (event) before its audit rows, then edit summaries. */
export const LOGBOEK_SOURCES = { event: 0, audit: 1, edits: 2 } as const;

/** A position in the Logboek: newest first by (at desc, source asc, id desc). */
export interface LogboekCursor {
  at: number;
  source: 0 | 1 | 2;
  id: number;
}

export function encodeCursor(c: LogboekCursor): string {
  return `${c.at}.${c.source}.${c.id}`;
}

/** A cursor from the address (`vanaf`); anything else is the first page. */
export function parseCursor(value: string | null | undefined): LogboekCursor | null {
  const m = /^(\d{1,15})\.([012])\.(\d{1,15})$/.exec(value ?? '');
  return m ? { at: Number(m[1]), source: Number(m[2]) as LogboekCursor['source'], id: Number(m[3]) } : null;
}

/** Refusals that are counted per day (refusal_counts) when nobody of the case made them. */
export const ANONYMOUS_REFUSAL_TYPES = ['session-refused', 'request-refused', 'access-refused', 'link-refused'] as const satisfies readonly AuditType[];
export type RefusalType = (typeof ANONYMOUS_REFUSAL_TYPES)[number];

/** One audit row as the sentence needs it: names already resolved (null = unknown). */
export interface LogboekRowInput {
  type: AuditType;
  actor: string | null;
  subject: string | null;
  detail: Record<string, unknown> | null;
  /** The version's label when the detail names a version (resolved by the server). */
  versionLabel?: string | null;
  /** The child's first name when the detail names a child (resolved by the server). */
  childName?: string | null;
}

/** Pages and documents as the object of "heeft … bekeken". */
const PAGE_WORDS: Record<string, string> = {
  kaart: 'de kaart',
  plan: 'het veiligheidsplan',
  veiligheidsplan: 'het veiligheidsplan',
  bodemeisen: 'de bodemeisen',
  kind: 'de pagina van het kind',
  versies: 'de versies',
  betrokkenen: 'de betrokkenen',
  casusgegevens: 'de casusgegevens',
  besluiten: 'de besluiten',
  logboek: 'het logboek',
  sessie: 'het netwerkberaad',
  sessies: 'een netwerkberaad',
  overzicht: 'het overzicht',
  bekeken: 'wie het plan bekeek',
  vragen: 'de vragen',
  meldingen: 'de meldingen',
  afdrukken: 'de afdruk van het plan',
  beamer: 'het plan op het grote scherm',
  plaatjes: 'een plaatje',
  overdracht: 'de overdracht',
  afsluiten: 'het afsluiten van de casus',
};

const DOCUMENT_WORDS: Record<string, string> = { kaart: 'de kaart', plan: 'het plan', bodemeisen: 'de bodemeisen' };

const ROLE_WORDS: Record<Role, string> = {
  jeugdbeschermer: 'jeugdbeschermer',
  casusregisseur: 'casusregisseur',
  professional: 'professional',
  ouder: 'ouder',
  jeugdige: 'jeugdige',
  netwerklid: 'netwerklid',
  meelezer: 'meelezer',
};

/** Known reasons in an access-ended or snapshot detail, in words. */
const REASON_WORDS: Record<string, string> = {
  'nieuwe link': 'er is een nieuwe link gemaakt',
  'rol verlaagd': 'de rol is verlaagd',
  'toestemming ingetrokken': 'de toestemming is ingetrokken',
  verwijderd: 'de persoon is verwijderd',
};

const SNAPSHOT_REASON_WORDS: Record<string, string> = {
  handmatig: 'met de hand',
  sessie: 'na een netwerkberaad',
  overdracht: 'bij de overdracht',
  dagelijks: 'automatisch (dagelijks)',
  'voor-herstel': 'voor het terugzetten van een andere versie',
  akkoord: 'om akkoord te vragen',
  afsluiten: 'bij het afsluiten',
};

const LOGIN_FAILED_WORDS: Record<string, string> = {
  invalid: 'e-mailadres of wachtwoord klopt niet',
  throttled: 'te veel pogingen',
};

const LINK_REFUSED_WORDS: Record<string, string> = {
  invalid: 'de link werkt niet (meer)',
  blocked: 'de link is geblokkeerd na te veel verkeerde codes',
  busy: 'het was te druk',
};

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? Math.round(v) : null);
const known = <T extends string>(table: Record<T, string>, v: unknown): string | null =>
  typeof v === 'string' && Object.prototype.hasOwnProperty.call(table, v) ? table[v as T] : null;
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
/** Only a label that looks like plain words (no ids, hashes or markup) is quoted. */
const quoted = (label: string | null | undefined) => (label && /^[\p{L}\p{N} ,.'’!?()-]{1,60}$/u.test(label) && !looksLikeId(label) ? ` '${label}'` : '');
const looksLikeId = (s: string) => /[0-9a-f]{8}-[0-9a-f]{4}-/i.test(s) || /\b[0-9a-f]{16,}\b/i.test(s);

type Ctx = { a: string; s: string; d: Record<string, unknown>; row: LogboekRowInput };
type Sentence = (c: Ctx) => string;

const withReason = (text: string, reason: string | null) => (reason ? `${text} (${reason})` : text);

/** One sentence per audit type (the type checker requires every type). */
const SENTENCES: Record<AuditType, Sentence> = {
  login: ({ a }) => `${a} is ingelogd`,
  'login-failed': ({ a, d }) => withReason(`${a} kon niet inloggen`, known(LOGIN_FAILED_WORDS, d.reden)),
  logout: ({ a }) => `${a} is uitgelogd`,
  'link-opened': ({ a }) => `${a} heeft de persoonlijke link geopend`,
  'link-refused': ({ d }) => withReason('Een link is geweigerd', known(LINK_REFUSED_WORDS, d.reden)),
  'code-wrong': ({ s }) => `Er is een verkeerde toegangscode ingevuld bij de link van ${s}`,
  'link-created': ({ a, s, d }) => {
    const days = num(d.dagen);
    const parts = [days !== null ? `${plural(days, 'dag', 'dagen')} geldig` : null, d.code === true ? 'met toegangscode' : null].filter(Boolean);
    return `${a} maakte een nieuwe link voor ${s}${parts.length ? ` (${parts.join(', ')})` : ''}`;
  },
  'link-revoked': ({ a, s }) => `${a} heeft de link van ${s} ingetrokken`,
  'case-viewed': ({ a, d }) => `${a} heeft ${known(PAGE_WORDS, d.pagina) ?? known(PAGE_WORDS, d.document) ?? 'de casus'} bekeken`,
  'participant-added': ({ a, s, d }) => {
    const role = known(ROLE_WORDS, d.rol);
    return `${a} heeft ${s} toegevoegd${role ? ` als ${role}` : ''}`;
  },
  'participant-removed': ({ a, s }) => `${a} heeft ${s} uit de casus gehaald`,
  'role-changed': ({ a, s, d }) => {
    const from = known(ROLE_WORDS, d.van);
    const to = known(ROLE_WORDS, d.naar);
    return to ? `${a} heeft de rol van ${s} veranderd${from ? ` van ${from}` : ''} in ${to}` : `${a} heeft de rol van ${s} veranderd`;
  },
  'access-ended': ({ a, s, d }) =>
    d.reden === 'nieuwe link'
      ? `De oude link van ${s} werkt niet meer: ${a} maakte een nieuwe`
      : withReason(`${a} heeft de toegang van ${s} beëindigd`, known(REASON_WORDS, d.reden)),
  'document-edited': ({ a, d }) => {
    const n = num(d.wijzigingen);
    const doc = known(DOCUMENT_WORDS, d.document) ?? 'een document';
    if (d.sessie !== undefined && n === null) return `${a} heeft tijdens het netwerkberaad ${doc} aangepast`;
    return n !== null ? `${a} heeft ${plural(n, 'wijziging', 'wijzigingen')} in ${doc} gedaan` : `${a} heeft ${doc} aangepast`;
  },
  snapshot: ({ a, d, row }) => {
    const label = quoted(row.versionLabel);
    const how = known(SNAPSHOT_REASON_WORDS, d.reden);
    if (row.actor === null) return withReason(`Er is een versie${label} bewaard`, how);
    return withReason(`${a} heeft de versie${label} gemaakt`, how);
  },
  'snapshot-restored': ({ a, row }) => `${a} heeft de versie${quoted(row.versionLabel)} teruggezet`,
  'acceptance-requested': ({ a }) => `${a} heeft gevraagd of iedereen akkoord is met het plan`,
  'acceptance-answered': ({ a, d }) =>
    d.akkoord === true
      ? `${a} is akkoord met het plan`
      : d.akkoord === false
        ? `${a} is niet akkoord met het plan`
        : `${a} heeft laten weten of het plan goed is`,
  'score-saved': ({ a, d }) => {
    const score = num(d.score);
    return score !== null && score >= 0 && score <= 10
      ? `${a} heeft een ${score} gegeven op de schaalvraag`
      : `${a} heeft een cijfer gegeven op de schaalvraag`;
  },
  'check-in': ({ a, s, d }) => {
    const result = known(CHECK_IN_LABELS as Record<CheckInResult, string>, d.resultaat);
    const namens = d.namens === true || (typeof d.namens === 'string' && d.namens.length > 0);
    return `${a} heeft een afspraak gemeld${namens && s !== 'Iemand' ? ` namens ${s}` : ''}${result ? `: ${result.toLowerCase()}` : ''}`;
  },
  'scale-question-changed': ({ a }) => `${a} heeft de schaalvraag aangepast`,
  export: ({ a, d }) => (d.vorm === 'afdruk' ? `${a} heeft het plan afgedrukt` : `${a} heeft een export van de casus gemaakt`),
  'access-refused': ({ a }) => `${a} kreeg geen toegang tot de casus`,
  'session-refused': () => 'Een ongeldige of verlopen inlog is geweigerd',
  'request-refused': () => 'Een verzoek van een andere website is geweigerd',
  'meeting-started': ({ a }) => `${a} heeft het netwerkberaad gestart`,
  'meeting-joined': ({ a }) => `${a} doet mee aan het netwerkberaad`,
  'meeting-focus': ({ a }) => `${a} heeft het onderwerp van het netwerkberaad gekozen`,
  'meeting-attendance': ({ a, s, d }) =>
    d.aanwezig === true
      ? `${a} heeft ${s} aanwezig gezet`
      : d.aanwezig === false
        ? `${a} heeft ${s} afwezig gezet`
        : `${a} heeft de aanwezigheid van ${s} aangepast`,
  'meeting-round-opened': ({ a }) => `${a} heeft een schaalronde geopend`,
  'meeting-round-score': ({ a }) => `${a} heeft een cijfer gegeven in de schaalronde`,
  'meeting-round-revealed': ({ a, d }) => {
    const n = num(d.cijfers);
    return `${a} heeft de cijfers van de schaalronde laten zien${n !== null ? ` (${plural(n, 'cijfer', 'cijfers')})` : ''}`;
  },
  'meeting-note': ({ a }) => `${a} heeft een notitie gemaakt in het netwerkberaad`,
  'meeting-ended': ({ a, d }) => {
    const n = num(d.aanwezig);
    return `${a} heeft het netwerkberaad afgerond${n !== null ? ` (${n} aanwezig)` : ''}`;
  },
  'notification-settings': ({ a }) => `${a} heeft de meldingen ingesteld`,
  'question-asked': ({ a, s }) => (s !== 'Iemand' ? `${a} heeft ${s} een vraag gesteld` : `${a} heeft een vraag gesteld`),
  'question-answered': ({ a, s }) => (s !== 'Iemand' ? `${a} heeft een vraag van ${s} beantwoord` : `${a} heeft een vraag beantwoord`),
  'sessions-ended': ({ a, s }) => `${a} heeft ${s} overal uitgelogd`,
  'organisation-settings': ({ a }) => `${a} heeft de instellingen van de organisatie aangepast`,
  'child-story-saved': ({ a, d, row }) =>
    d.weggehaald === true ? `${a} heeft iets weggehaald uit Woorden en Plaatjes${ofChild(row)}` : `${a} heeft Woorden en Plaatjes${ofChild(row)} bewaard`,
  'picture-uploaded': ({ a, row }) => `${a} heeft een plaatje toegevoegd${row.childName ? ` voor ${childWord(row)}` : ''}`,
  'house-entry-added': ({ a, d, row }) => `${a} heeft iets in ${houseOf(d.huis)}${ofChild(row)} gezet`,
  'house-entry-withdrawn': ({ a, d, row }) => `${a} heeft iets uit ${houseOf(d.huis)}${ofChild(row)} gehaald`,
  'house-viewers-changed': ({ a, row }) => `${a} heeft aangepast wie de drie huizen${ofChild(row)} mag zien`,
  'child-participant-linked': ({ a, s, row }) => `${a} heeft ${row.childName ? childWord(row) : 'het kind'} gekoppeld aan ${s}`,
  'account-invited': ({ a, s }) => `${a} heeft ${s} uitgenodigd voor een account`,
  'account-password-set': ({ a }) => `${a} heeft een wachtwoord ingesteld`,
  'account-deactivated': ({ a, s }) => `${a} heeft het account van ${s} uitgezet`,
  'account-reactivated': ({ a, s }) => `${a} heeft het account van ${s} weer aangezet`,
  'password-reset': ({ a, s }) => `${a} heeft ${s} uitgenodigd om een nieuw wachtwoord te kiezen`,
  'beheerder-changed': ({ a, s, d }) =>
    d.beheerder === true
      ? `${a} heeft ${s} beheerder gemaakt`
      : d.beheerder === false
        ? `${a} heeft ${s} geen beheerder meer gemaakt`
        : `${a} heeft aangepast of ${s} beheerder is`,
  'second-factor-enabled': ({ a }) => `${a} heeft de tweede inlogstap ingesteld`,
  'second-factor-reset': ({ a, s }) => `${a} heeft de tweede inlogstap van ${s} opnieuw laten instellen`,
  'second-factor-failed': ({ a }) => `${a} vulde een verkeerde code in bij de tweede inlogstap`,
  'recovery-code-used': ({ a }) => `${a} heeft een herstelcode gebruikt om in te loggen`,
  'grondslag-recorded': ({ a, s }) => `${a} heeft vastgelegd waarom ${s} mag meekijken`,
  'consent-withdrawn': ({ a, s }) => (a === s ? `${a} heeft de toestemming ingetrokken` : `${a} heeft de toestemming voor ${s} ingetrokken`),
  'own-data-export': ({ a }) => `${a} heeft de eigen gegevens gedownload`,
  'deletion-requested': ({ a }) => `${a} heeft gevraagd om de gegevens te verwijderen`,
  'deletion-decided': ({ a, d }) =>
    d.besluit === 'toegewezen' || d.besluit === 'verwijderen'
      ? `${a} heeft besloten dat de gegevens verwijderd worden`
      : d.besluit === 'afgewezen' || d.besluit === 'bewaren'
        ? `${a} heeft besloten dat de gegevens blijven`
        : `${a} heeft het verzoek om te verwijderen beslist`,
  'case-deleted': ({ a, row }) => (row.actor === null ? 'De casus is verwijderd na de bewaartermijn' : `${a} heeft de casus verwijderd`),
  backup: ({ a, row }) => (row.actor === null ? 'Er is een back-up gemaakt' : `${a} heeft een back-up gemaakt`),
};

function childWord(row: LogboekRowInput) {
  return row.childName && !looksLikeId(row.childName) ? row.childName : 'het kind';
}
function ofChild(row: LogboekRowInput) {
  return row.childName && !looksLikeId(row.childName) ? ` van ${row.childName}` : '';
}
function houseOf(v: unknown) {
  const label = known(HOUSE_LABELS as Record<House, string>, v);
  return label ? `het ${label.charAt(0).toLowerCase()}${label.slice(1)}` : 'een huis';
}

/** A person's name as the Logboek shows it; unknown (or not a name) → "Iemand". */
export function personName(name: string | null | undefined): string {
  const n = name?.trim();
  return n && !looksLikeId(n) ? n : 'Iemand';
}

/** The Logboek's sentence for one audit row. */
export function logboekSentence(row: LogboekRowInput): string {
  const detail = row.detail && typeof row.detail === 'object' && !Array.isArray(row.detail) ? row.detail : {};
  const sentence = SENTENCES[row.type];
  if (!sentence) return 'Er is iets vastgelegd';
  return sentence({ a: personName(row.actor), s: personName(row.subject), d: detail, row });
}
