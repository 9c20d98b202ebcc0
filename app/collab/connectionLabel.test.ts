/** The connection line in professional and in family words (ADR 029). */
import { describe, expect, it } from 'vitest';
import { connectionLabel, familyConnectionLabel, type CollabState } from './collabDocument';

const state = (patch: Partial<CollabState>): CollabState => ({ phase: 'connected', synced: true, readOnly: false, tooLarge: false, endReason: null, ...patch });

describe('familyConnectionLabel', () => {
  it('says what a family member can do, never a technical state', () => {
    expect(familyConnectionLabel(state({ readOnly: true }))).toBe('Je kunt dit lezen, maar niet aanpassen');
    expect(familyConnectionLabel(state({}))).toMatch(/^Je kunt meeschrijven/);
    expect(familyConnectionLabel(state({ phase: 'reconnecting' }))).toBe('Je bent offline; we bewaren wat je schrijft');
    expect(familyConnectionLabel(state({ phase: 'reconnecting', readOnly: true }))).toMatch(/^Je bent offline\./);
    expect(familyConnectionLabel(state({ phase: 'connecting', synced: false }))).toBe('Het plan wordt geladen…');
    expect(familyConnectionLabel(state({ synced: false }))).toBe('Het plan wordt geladen…');
    for (const s of [state({}), state({ readOnly: true }), state({ phase: 'reconnecting' }), state({ phase: 'connecting', synced: false })]) {
      expect(familyConnectionLabel(s)).not.toMatch(/verbonden|verbinden|alleen lezen/i);
    }
  });

  it('an ended connection keeps the words that say what to do', () => {
    const ended = state({ phase: 'ended', endReason: 'revoked' });
    expect(familyConnectionLabel(ended)).toBe(connectionLabel(ended));
  });

  it('professionals keep their labels', () => {
    expect(connectionLabel(state({ readOnly: true }))).toBe('Verbonden · alleen lezen');
  });
});
