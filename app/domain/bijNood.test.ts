import { describe, expect, it } from 'vitest';
import { firstCallsFrom, telHref, type NoodPerson } from './bijNood';
import type { ItemJSON } from './items';

const item = (id: string, persoon: string, taak: string, status: ItemJSON['status'] = 'actueel'): ItemJSON => ({
  id,
  section: 'netwerk',
  position: 0,
  fields: { taak },
  values: { persoon },
  status,
  statusReason: null,
  createdBy: { id: 'p', name: 'P', role: 'x' },
  createdAt: 0,
  editedBy: null,
  editedAt: null,
  statusBy: null,
  statusAt: null,
  reactions: [],
});
const people: NoodPerson[] = [
  { id: 'oma', name: 'Riet de Vries', phone: '06-55 50 10 03', isProfessionalAccount: false },
  { id: 'buur', name: 'Ayşe Yılmaz', phone: null, isProfessionalAccount: false },
  { id: 'prof', name: 'Karim El Idrissi', phone: '010-555 02 20', isProfessionalAccount: true },
];

describe('Bij nood', () => {
  it('lists the veiligheidsnetwerk once per person, in the plan’s order, without withdrawn tasks or unknown people', () => {
    const calls = firstCallsFrom(
      [
        item('1', 'oma', 'Kinderen opvangen'),
        item('2', 'weg', 'Iemand die er niet meer is'),
        item('3', 'buur', 'Veilige plek'),
        item('4', 'oma', 'Elke avond bellen'),
        item('5', 'prof', 'Ingetrokken taak', 'ingetrokken'),
        item('6', '', 'Nog niemand'),
      ],
      people,
      false,
    );
    expect(calls).toEqual([
      { participantId: 'oma', name: 'Riet de Vries', tasks: ['Kinderen opvangen', 'Elke avond bellen'], phone: '06-55 50 10 03' },
      { participantId: 'buur', name: 'Ayşe Yılmaz', tasks: ['Veilige plek'], phone: null },
    ]);
  });

  it('hides family and netwerk numbers under the safety flag, never a professional’s', () => {
    const calls = firstCallsFrom([item('1', 'oma', 'Opvang'), item('2', 'prof', 'Bereikbaar overdag')], people, true);
    expect(calls.map((c) => c.phone)).toEqual([null, '010-555 02 20']);
  });

  it('makes tel: addresses', () => {
    expect(telHref('0800-2000')).toBe('tel:08002000');
    expect(telHref('+31 6 12 34')).toBe('tel:+3161234');
    expect(telHref('112')).toBe('tel:112');
  });
});
