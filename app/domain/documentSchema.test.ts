/**
 * The item rules (SPEC §3, "Inside a document"), cell by cell: every role ×
 * every action against a table written out here by hand from the spec, not
 * derived from the code under test.
 */
import { describe, expect, it } from 'vitest';
import { ROLES, type Role } from './caseFacts';
import { mayDoWithItem, validReaction, validStatusReason, type ItemAction } from './documentSchema';

const Y = true;
const N = false;
//                       add edit-own edit-others move react status-own status-others delete replace
const TABLE: Record<Role, boolean[]> = {
  jeugdbeschermer: [Y, Y, Y, Y, Y, Y, Y, N, N],
  casusregisseur: [Y, Y, Y, Y, Y, Y, Y, N, N],
  professional: [Y, Y, Y, Y, Y, Y, Y, N, N],
  ouder: [Y, Y, N, Y, Y, Y, Y, N, N],
  jeugdige: [Y, Y, N, Y, Y, Y, Y, N, N],
  netwerklid: [Y, Y, N, Y, Y, Y, Y, N, N],
  // The meelezer never writes a document (permission table); the item rules alone would not stop it.
  meelezer: [Y, Y, Y, Y, Y, Y, Y, N, N],
};
const ACTIONS: ItemAction[] = ['add', 'edit-own', 'edit-others', 'move', 'react', 'status-own', 'status-others', 'delete', 'replace'];

describe('item rules', () => {
  for (const role of ROLES) {
    ACTIONS.forEach((action, i) => {
      it(`${role} · ${action} → ${TABLE[role][i] ? 'mag' : 'mag niet'}`, () => {
        expect(mayDoWithItem(role, action)).toBe(TABLE[role][i]);
      });
    });
  }

  it('a status change needs a real reason', () => {
    for (const bad of [null, undefined, '', ' ', 'x', 'x'.repeat(301), 42]) expect(validStatusReason(bad)).toBe(false);
    expect(validStatusReason('Opgelost na het gesprek')).toBe(true);
  });

  it('a reaction names its sender, is recent and short', () => {
    const me = { participantId: 'p1', name: 'Riet de Vries' };
    const now = 1_000_000_000;
    const ok = { id: 'r1', byId: 'p1', byName: 'Riet de Vries', at: now, text: 'Klopt' };
    expect(validReaction(ok, me, now)).toBe(true);
    for (const bad of [
      { ...ok, byName: 'Sophie' },
      { ...ok, byId: 'p2' },
      { ...ok, at: now - 3_600_000 },
      { ...ok, text: '' },
      { ...ok, text: 'x'.repeat(281) },
      { ...ok, extra: 1 },
      'Klopt',
      null,
    ])
      expect(validReaction(bad, me, now)).toBe(false);
  });
});
