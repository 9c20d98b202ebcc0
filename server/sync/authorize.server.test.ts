import { describe, expect, it } from 'vitest';
import { parseSyncPath } from './authorize.server';

describe('parseSyncPath', () => {
  it('accepts /sync/<caseId>/<document> with a known document, ignoring the query', () => {
    expect(parseSyncPath('/sync/abc-123/kaart')).toEqual({ caseId: 'abc-123', document: 'kaart' });
    expect(parseSyncPath('/sync/abc-123/bodemeisen?x=1')).toEqual({ caseId: 'abc-123', document: 'bodemeisen' });
  });

  it.each([
    '/sync/abc/onbekend',
    '/sync/abc',
    '/sync//kaart',
    '/sync/a%2Fb/kaart',
    '/sync/../kaart',
    `/sync/${'a'.repeat(65)}/kaart`,
    '/x/abc/kaart',
    undefined,
  ])('refuses %s', (path) => {
    expect(parseSyncPath(path)).toBeNull();
  });
});
