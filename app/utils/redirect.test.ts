import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './redirect';

describe('safeRedirectTarget', () => {
  it.each([
    ['/casussen/abc/kaart?x=1', '/casussen/abc/kaart?x=1'],
    ['/casussen/abc#bijnood', '/casussen/abc#bijnood'],
    ['/overzicht', '/overzicht'],
    ['/sessie/ABC123', '/sessie/ABC123'],
  ])('keeps the same-site path %s', (target, expected) => {
    expect(safeRedirectTarget(target, '/')).toBe(expected);
  });

  it.each([
    ['an absolute URL elsewhere', 'https://evil.example/'],
    ['an absolute URL on http', 'http://evil.example'],
    ['a protocol-relative URL', '//evil.example'],
    ['a backslash after the slash', '/\\evil.example'],
    ['a backslash later on', '/a\\..\\..\\evil'],
    ['a tab the browser drops', '/\t/evil.example'],
    ['a newline', '/\n/evil.example'],
    ['a carriage return', '/\r/evil.example'],
    ['a NUL', '/\0/evil.example'],
    ['another control character', '/\u0001/evil.example'],
    ['DEL', '/\u007f/evil.example'],
    ['a tab at the start', '\t//evil.example'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/html,hoi'],
    ['a relative path', 'casussen'],
    ['a space before //', ' //evil.example'],
    ['an empty string', ''],
    ['null', null],
    ['undefined', undefined],
  ])('refuses %s', (_label, target) => {
    expect(safeRedirectTarget(target, '/')).toBe('/');
  });

  it('keeps an encoded tab as an encoded path (it stays on our site)', () => {
    // `/%09/evil.example` is a path on our own origin: the browser does not decode it into a tab.
    const kept = safeRedirectTarget('/%09/evil.example', '/');
    expect(new URL(kept, 'https://veiligplan.example').origin).toBe('https://veiligplan.example');
  });

  it('uses the given fallback, /casussen by default', () => {
    expect(safeRedirectTarget('//evil.example')).toBe('/casussen');
    expect(safeRedirectTarget('//evil.example', '/overzicht')).toBe('/overzicht');
  });
});
