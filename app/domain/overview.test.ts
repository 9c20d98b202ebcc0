/** The Overzicht's "your item was resolved or withdrawn by someone else": only others' changes, only since my last visit. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { STAGES } from './caseFacts';
import { addItem, listSection, setStatus } from './items';
import { myItemsChangedByOthers } from './overview';
import { STAGE_NEXT_STEP } from './trajectory';

const jan = { participantId: 'p-jan', name: 'Jan de Wit', role: 'Professional' };
const sophie = { participantId: 'p-sophie', name: 'Sophie Jansen', role: 'Jeugdbeschermer' };

const docs = (doc: Y.Doc) => [{ label: 'Kaart', items: listSection(doc, 'bang') }];

describe('myItemsChangedByOthers', () => {
  it('names who resolved my item, when and why', () => {
    const doc = new Y.Doc();
    const id = addItem(doc, jan, { section: 'bang', fields: { text: 'Geen vaste bedtijd' }, now: 1000 });
    setStatus(doc, id, 'opgelost', 'Er is nu een vast ritueel', sophie, 5000);
    expect(myItemsChangedByOthers(docs(doc), 4000, jan.participantId)).toEqual([
      { itemId: id, document: 'Kaart', status: 'opgelost', text: 'Geen vaste bedtijd', by: 'Sophie Jansen', at: 5000, reason: 'Er is nu een vast ritueel' },
    ]);
  });

  it('also reports a withdrawal, newest first', () => {
    const doc = new Y.Doc();
    const a = addItem(doc, jan, { section: 'bang', fields: { text: 'A' }, now: 1000 });
    const b = addItem(doc, jan, { section: 'bang', fields: { text: 'B' }, now: 1000 });
    setStatus(doc, a, 'opgelost', 'klaar', sophie, 5000);
    setStatus(doc, b, 'ingetrokken', 'dubbel', sophie, 6000);
    expect(myItemsChangedByOthers(docs(doc), 4000, jan.participantId).map((c) => [c.itemId, c.status])).toEqual([
      [b, 'ingetrokken'],
      [a, 'opgelost'],
    ]);
  });

  it('is silent about my own status changes, other people’s items, changes before my last visit and “weer actueel”', () => {
    const doc = new Y.Doc();
    const own = addItem(doc, jan, { section: 'bang', fields: { text: 'Zelf opgelost' }, now: 1000 });
    setStatus(doc, own, 'opgelost', 'zelf gedaan', jan, 5000);
    const theirs = addItem(doc, sophie, { section: 'bang', fields: { text: 'Van Sophie' }, now: 1000 });
    setStatus(doc, theirs, 'opgelost', 'door Sophie', sophie, 5000);
    const early = addItem(doc, jan, { section: 'bang', fields: { text: 'Eerder' }, now: 1000 });
    setStatus(doc, early, 'ingetrokken', 'al lang geleden', sophie, 3000);
    const back = addItem(doc, jan, { section: 'bang', fields: { text: 'Weer actueel' }, now: 1000 });
    setStatus(doc, back, 'opgelost', 'even weg', sophie, 4500);
    setStatus(doc, back, 'actueel', 'toch weer', sophie, 5000);
    const undone = addItem(doc, jan, { section: 'bang', fields: { text: 'Teruggezet' }, now: 1000 });
    setStatus(doc, undone, 'opgelost', 'door Sophie', sophie, 4500);
    setStatus(doc, undone, 'actueel', 'ik zie het anders', jan, 5000);
    expect(myItemsChangedByOthers(docs(doc), 4000, jan.participantId)).toEqual([]);
  });
});

describe('STAGE_NEXT_STEP', () => {
  it('has a line for every stage', () => {
    for (const stage of STAGES) expect(STAGE_NEXT_STEP[stage].length).toBeGreaterThan(10);
  });
});
