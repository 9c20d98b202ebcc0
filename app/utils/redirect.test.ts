import { describe, expect, it } from 'vitest';
import { safeRedirectTarget } from './redirect';

describe('safeRedirectTarget', () => {
  it('keeps same-site paths', () => {
    expect(safeRedirectTarget('/casussen/abc/kaart?x=1')).toBe('/casussen/abc/kaart?x=1');
  });
  it.each(['https://evil.example/', '//evil.example', '/\\evil.example', 'javascript:alert(1)', '', null, undefined])('refuses %s', (target) => {
    expect(safeRedirectTarget(target)).toBe('/casussen');
  });
});
