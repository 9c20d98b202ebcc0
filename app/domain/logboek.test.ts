/**
 * Every audit type becomes a Dutch sentence with names, and odd or missing
 * details never leak an id, a hash, a raw `key: value` or English words.
 */
import { describe, expect, it } from 'vitest';
import { AUDIT_TYPE_NAMES } from './audit';
import { isViewType, logboekSentence, personName } from './logboek';

const UUID = '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
const HASH = 'a94f3c0e9b1d2e77a94f3c0e9b1d2e77';
const ODD_DETAILS: (Record<string, unknown> | null)[] = [
  null,
  {},
  { sessions: 0, links: 0, reden: 'replaced' },
  { versie: UUID, reden: 'nonsense', kind: UUID, sessie: UUID, ronde: UUID, afspraak: UUID, vraag: UUID },
  { pagina: UUID, document: 'evil', rol: 'admin', van: 'x', naar: 'y', huis: 'castle', resultaat: 'done', score: 'NaN' },
  { wijzigingen: -1, dagen: 1e9, code: 'yes', akkoord: 'maybe', cijfers: Infinity, aanwezig: HASH, besluit: 'approved' },
  { reden: 'invalid', pad: '/casussen/' + UUID + '/kaart', organisatie: UUID, velden: 'name,phone', via: 'cli', bytes: 12, type: 'image/png' },
];
const NAMES: [string | null, string | null][] = [
  ['Linda Bakker', 'Riet de Vries'],
  [null, null],
  [UUID, HASH],
];
const ENGLISH = /\b(the|was|has|by|session|sessions|link created|viewed|refused|deleted|unknown|undefined|null|NaN|true|false|object|Infinity)\b/i;

describe('logboekSentence', () => {
  it('gives every audit type a Dutch sentence without ids, hashes, raw keys or English', () => {
    for (const type of AUDIT_TYPE_NAMES) {
      for (const detail of ODD_DETAILS) {
        for (const [actor, subject] of NAMES) {
          for (const extra of [{}, { versionLabel: UUID, childName: HASH }, { versionLabel: 'Na beraad', childName: 'Bo' }]) {
            const s = logboekSentence({ type, actor, subject, detail, ...extra });
            const where = `${type} ${JSON.stringify(detail)} ${actor}`;
            expect(s.length, where).toBeGreaterThan(5);
            expect(s, where).not.toContain(UUID.slice(0, 8));
            expect(s, where).not.toContain(HASH.slice(0, 8));
            expect(s, where).not.toMatch(/\b[a-z]+: [^ ]/i);
            expect(s, where).not.toMatch(ENGLISH);
            expect(s, where).not.toMatch(/[{}[\]=_]/);
          }
        }
      }
    }
  });

  it('names people and things as the family and professionals know them', () => {
    expect(logboekSentence({ type: 'case-viewed', actor: 'Linda Bakker', subject: null, detail: { pagina: 'kaart' } })).toBe(
      'Linda Bakker heeft de kaart bekeken',
    );
    expect(logboekSentence({ type: 'case-viewed', actor: 'Linda Bakker', subject: null, detail: { pagina: UUID } })).toBe(
      'Linda Bakker heeft de casus bekeken',
    );
    expect(logboekSentence({ type: 'link-created', actor: 'Karim El Idrissi', subject: 'Riet de Vries', detail: null })).toBe(
      'Karim El Idrissi maakte een nieuwe link voor Riet de Vries',
    );
    expect(logboekSentence({ type: 'snapshot', actor: 'Sophie Jansen', subject: null, detail: { versie: UUID }, versionLabel: 'Na beraad' })).toBe(
      "Sophie Jansen heeft de versie 'Na beraad' gemaakt",
    );
    expect(logboekSentence({ type: 'document-edited', actor: 'Linda Bakker', subject: null, detail: { document: 'plan', wijzigingen: 12 } })).toBe(
      'Linda Bakker heeft 12 wijzigingen in het plan gedaan',
    );
    expect(
      logboekSentence({ type: 'role-changed', actor: 'Karim El Idrissi', subject: 'Riet de Vries', detail: { van: 'netwerklid', naar: 'meelezer' } }),
    ).toBe('Karim El Idrissi heeft de rol van Riet de Vries veranderd van netwerklid in meelezer');
    expect(logboekSentence({ type: 'access-ended', actor: null, subject: 'Riet de Vries', detail: {} })).toBe(
      'Iemand heeft de toegang van Riet de Vries beëindigd',
    );
  });

  it('tells views from changes', () => {
    expect(isViewType('case-viewed')).toBe(true);
    expect(isViewType('link-opened')).toBe(true);
    expect(isViewType('link-created')).toBe(false);
    expect(isViewType('document-edited')).toBe(false);
  });

  it('shows "Iemand" for a missing or id-like name', () => {
    expect(personName(null)).toBe('Iemand');
    expect(personName('  ')).toBe('Iemand');
    expect(personName(UUID)).toBe('Iemand');
    expect(personName('Riet de Vries')).toBe('Riet de Vries');
  });
});
