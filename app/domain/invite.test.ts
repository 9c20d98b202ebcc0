/** The invite message: plain Dutch, the first name, the children, never the code; mailto:/sms: carry it whole. */
import { describe, expect, it } from 'vitest';
import { childrenText, INVITE_SUBJECT, inviteMessage, mailtoHref, smsHref } from './invite';

const URL = 'https://veiligplan.example.nl/l/abc_DEF-123';

describe('inviteMessage', () => {
  it('greets by first name, names the children and the sender, and says to open it on one’s own phone', () => {
    const text = inviteMessage({ name: 'Riet de Vries', childFirstNames: ['Sanne', 'Daan'], url: URL, from: 'Karim El Idrissi', withCode: false });
    expect(text).toMatch(/^Hoi Riet, hier is je persoonlijke link voor het plan voor Sanne en Daan:/);
    expect(text).toContain(URL);
    expect(text).toContain('Open hem op je eigen telefoon.');
    expect(text).toContain('Groet, Karim El Idrissi');
    expect(text).not.toMatch(/toegangscode/);
  });

  it('says a code comes apart, without any code', () => {
    const text = inviteMessage({ name: 'Riet', childFirstNames: [], url: URL, from: 'Karim', withCode: true });
    expect(text).toContain('het plan van jullie gezin');
    expect(text).toContain('Die krijg je apart van mij.');
    expect(text).not.toMatch(/\d{6}/);
  });

  it('lists children in plain Dutch', () => {
    expect(childrenText([])).toBeNull();
    expect(childrenText(['Kim'])).toBe('Kim');
    expect(childrenText(['Sanne', 'Daan', 'Kim'])).toBe('Sanne, Daan en Kim');
  });
});

describe('mailto and sms', () => {
  const body = 'Hoi Riet,\nhier is je link: ' + URL + ' & meer';
  it('carries the whole message, encoded', () => {
    const mail = mailtoHref('riet@example.nl', INVITE_SUBJECT, body);
    expect(mail.startsWith('mailto:riet@example.nl?subject=')).toBe(true);
    expect(decodeURIComponent(mail.split('&body=')[1]!)).toBe(body);
    const sms = smsHref('06 12 34 56 78', body);
    expect(sms.startsWith('sms:0612345678?&body=')).toBe(true);
    expect(decodeURIComponent(sms.split('&body=')[1]!)).toBe(body);
  });
  it('works without an address (the professional picks one)', () => {
    expect(mailtoHref(null, INVITE_SUBJECT, 'x')).toMatch(/^mailto:\?subject=/);
    expect(smsHref(null, 'x')).toBe('sms:?&body=x');
  });
});
