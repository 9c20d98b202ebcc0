import { describe, expect, it } from 'vitest';
import { childrenPhrase, digestLine, digestMessage, NOTIFICATION_REASONS, notificationMessage, outboxMessage } from './notifications';

describe('notification messages', () => {
  it('name the children by first name only', () => {
    expect(childrenPhrase([])).toBe('jullie gezin');
    expect(childrenPhrase(['Sanne'])).toBe('Sanne');
    expect(childrenPhrase(['Sanne Bakker', 'Daan'])).toBe('Sanne en Daan');
    expect(childrenPhrase(['Sanne', 'Daan', 'Noor'])).toBe('Sanne, Daan en Noor');
  });

  it.each(NOTIFICATION_REASONS)('%s: content-free, no full names, no link, plain Dutch', (reason) => {
    const m = notificationMessage(reason, { children: ['Sanne Bakker', 'Daan Bakker'] });
    const all = `${m.subject}\n${m.text}`;
    expect(m.subject).toMatch(/^Veiligplan: /);
    expect(m.text).toContain('Sanne en Daan');
    expect(all).not.toContain('Bakker');
    expect(all).not.toMatch(/https?:|\/l\//);
    expect(m.text).toMatch(/persoonlijke link/);
    // Only the template's own words: nothing else goes in.
    expect(outboxMessage(reason, JSON.stringify({ children: ['Sanne', 'Daan'], wat: 'Geheime plantekst' })).text).not.toContain('Geheime');
  });

  it('the digest lists counts only, without the family name of a case', () => {
    expect(digestLine({ title: 'Gezin Bakker', openQuestions: 2, unreported: 1, answers: 0 })).toBe('In een casus: 2 open vragen, 1 afspraak niet gemeld');
    expect(digestLine({ title: 'Gezin Visser', openQuestions: 0, unreported: 0, answers: 0 })).toBeNull();
    const m = digestMessage([{ title: 'Gezin Bakker', openQuestions: 1, unreported: 0, answers: 3 }]);
    expect(m.text).toContain('- In een casus: 1 open vraag, 3 nieuwe antwoorden op akkoord');
    expect(m.text).not.toContain('Bakker');
  });

  it('refuses an unknown template and survives garbled params', () => {
    expect(() => outboxMessage('iets-anders', '{}')).toThrow();
    expect(outboxMessage('vraag-beantwoord', 'not json').text).toContain('jullie gezin');
  });
});
