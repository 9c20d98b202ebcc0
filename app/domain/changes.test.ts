/** "Wat is er veranderd": another person's status change reaches the item's author with its reason. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changesSince } from './changes';
import { addItem, listSection, setStatus } from './items';

const linda = { participantId: 'p-linda', name: 'Linda Bakker', role: 'Ouder / verzorger' };
const sophie = { participantId: 'p-sophie', name: 'Sophie Jansen', role: 'Jeugdbeschermer' };

describe('changesSince', () => {
  it('tells the author that someone else resolved their item, and why', () => {
    const doc = new Y.Doc();
    const id = addItem(doc, linda, { section: 'bang', fields: { text: 'Mark drinkt te veel' }, now: 1000 });
    setStatus(doc, id, 'opgelost', 'Mark is drie maanden gestopt', sophie, 5000);
    const changes = changesSince([{ label: 'Kaart', items: listSection(doc, 'bang') }], 4000, linda.participantId);
    expect(changes).toEqual([
      { kind: 'opgelost', document: 'Kaart', text: 'Mark drinkt te veel', by: 'Sophie Jansen', at: 5000, reason: 'Mark is drie maanden gestopt' },
    ]);
  });

  it('does not report a person’s own changes back to them', () => {
    const doc = new Y.Doc();
    const id = addItem(doc, linda, { section: 'bang', fields: { text: 'Ruzie' }, now: 1000 });
    setStatus(doc, id, 'ingetrokken', 'Dubbel', linda, 5000);
    expect(changesSince([{ label: 'Kaart', items: listSection(doc, 'bang') }], 500, linda.participantId)).toEqual([]);
  });
});
