/** "Wat is er veranderd": who changed what since the last visit, and WHAT exactly (compared with the items as they were then). */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { changesSince, describeItemChange, firstWords } from './changes';
import { addItem, listSection, setStatus, setText, setValue } from './items';

const linda = { participantId: 'p-linda', name: 'Linda Bakker', role: 'Ouder / verzorger' };
const mark = { participantId: 'p-mark', name: 'Mark de Vries', role: 'Ouder / verzorger' };
const sophie = { participantId: 'p-sophie', name: 'Sophie Jansen', role: 'Jeugdbeschermer' };
const names = new Map([linda, mark, sophie].map((p) => [p.participantId, p.name]));
const nameOf = (id: string) => names.get(id);

/** A plan with one afspraak of Linda and Mark, created long before the visit at 2000. */
function plan(values: Record<string, unknown> = {}) {
  const doc = new Y.Doc();
  const id = addItem(doc, sophie, {
    section: 'afspraken',
    fields: { wat: 'Als Linda of Mark boos wordt, bellen ze oma Riet', wanneer: '' },
    values: { wie: [linda.participantId, mark.participantId], voortgang: 'loopt', ...values },
    now: 1000,
  });
  const before = listSection(doc, 'afspraken');
  return { doc, id, before };
}

const changes = (doc: Y.Doc, before: ReturnType<typeof listSection> | undefined, reader = linda.participantId) =>
  changesSince([{ label: 'Veiligheidsplan', items: listSection(doc, 'afspraken'), before }], 2000, reader, { nameOf });

describe('changesSince', () => {
  it('tells the author that someone else resolved their item, and why', () => {
    const doc = new Y.Doc();
    const id = addItem(doc, linda, { section: 'bang', fields: { text: 'Mark drinkt te veel' }, now: 1000 });
    const before = listSection(doc, 'bang');
    setStatus(doc, id, 'opgelost', 'Mark is drie maanden gestopt', sophie, 5000);
    const list = changesSince([{ label: 'Kaart', items: listSection(doc, 'bang'), before }], 4000, linda.participantId);
    expect(list).toEqual([
      {
        kind: 'opgelost',
        document: 'Kaart',
        text: 'Mark drinkt te veel',
        by: 'Sophie Jansen',
        at: 5000,
        reason: 'Mark is drie maanden gestopt',
        details: ['Status van Actueel naar Opgelost.'],
      },
    ]);
  });

  it('does not report a person’s own changes back to them', () => {
    const doc = new Y.Doc();
    const id = addItem(doc, linda, { section: 'bang', fields: { text: 'Ruzie' }, now: 1000 });
    setStatus(doc, id, 'ingetrokken', 'Dubbel', linda, 5000);
    expect(changesSince([{ label: 'Kaart', items: listSection(doc, 'bang') }], 500, linda.participantId)).toEqual([]);
  });

  it('says which owner was removed and how the stand changed — not just “Aangepast”', () => {
    const { doc, id, before } = plan();
    setValue(doc, id, 'wie', [mark.participantId], sophie);
    setValue(doc, id, 'voortgang', 'niet-nagekomen', sophie);
    const [change] = changes(doc, before, mark.participantId);
    expect(change).toMatchObject({ kind: 'gewijzigd', by: 'Sophie Jansen' });
    expect(change!.details).toEqual(['Linda Bakker doet deze afspraak niet meer.', 'Stand van Loopt naar Niet nagekomen.']);
  });

  it('names the people who were added as owner', () => {
    const { doc, id, before } = plan({ wie: [] });
    setValue(doc, id, 'wie', [linda.participantId, mark.participantId], sophie);
    expect(changes(doc, before)[0]!.details).toEqual(['Linda Bakker en Mark de Vries doen deze afspraak nu mee.']);
  });

  it('quotes the first words of an edited text, before and after', () => {
    const { doc, id, before } = plan();
    setText(doc, id, 'wat', 'Als Linda of Mark boos wordt, gaat Mark een uur wandelen met de hond', sophie);
    expect(changes(doc, before)[0]!.details).toEqual([
      'Tekst aangepast: “Als Linda of Mark boos wordt, bellen ze…” is nu “Als Linda of Mark boos wordt, gaat Mark…”.',
    ]);
  });

  it('says a date was moved and how the recurrence changed', () => {
    const { doc, id, before } = plan({ start: '2026-03-02', herhaling: 'wekelijks:3', evaluatie: '2026-04-01' });
    setValue(doc, id, 'start', '2026-03-09', sophie);
    setValue(doc, id, 'herhaling', 'wekelijks:3,5', sophie);
    setValue(doc, id, 'evaluatie', '', sophie);
    expect(changes(doc, before)[0]!.details).toEqual([
      'De startdatum is verschoven van 2 maart 2026 naar 9 maart 2026.',
      'Wanneer: was elke woensdag, nu elke woensdag en vrijdag.',
      'De evaluatiedatum (1 april 2026) is weggehaald.',
    ]);
  });

  it('tells a withdrawn afspraak with its reason', () => {
    const { doc, id, before } = plan();
    setStatus(doc, id, 'ingetrokken', 'Oma Riet is verhuisd', sophie);
    const [change] = changes(doc, before);
    expect(change).toMatchObject({ kind: 'ingetrokken', reason: 'Oma Riet is verhuisd', details: ['Status van Actueel naar Ingetrokken.'] });
  });

  it('tells who now does a netwerk task', () => {
    const doc = new Y.Doc();
    const id = addItem(doc, sophie, { section: 'netwerk', fields: { taak: 'Haalt de kinderen op' }, values: { persoon: linda.participantId }, now: 1000 });
    const before = listSection(doc, 'netwerk');
    setValue(doc, id, 'persoon', mark.participantId, sophie);
    const list = changesSince([{ label: 'Veiligheidsplan', items: listSection(doc, 'netwerk'), before }], 2000, 'p-other', { nameOf });
    expect(list[0]!.details).toEqual(['Deze taak gaat van Linda Bakker naar Mark de Vries.']);
  });

  it('leaves out an item that was changed and changed back', () => {
    const { doc, id, before } = plan();
    setValue(doc, id, 'voortgang', 'gestopt', sophie);
    setValue(doc, id, 'voortgang', 'loopt', sophie);
    expect(changes(doc, before)).toEqual([]);
  });

  it('still lists a change, without details, when the earlier state is unknown', () => {
    const { doc, id } = plan();
    setValue(doc, id, 'voortgang', 'gestopt', sophie);
    expect(changes(doc, undefined)).toMatchObject([{ kind: 'gewijzigd', details: [] }]);
  });

  it('says “iemand” for an owner whose name it does not know', () => {
    const { before } = plan();
    const now = { ...before[0]!, values: { ...before[0]!.values, wie: ['p-unknown'] } };
    expect(describeItemChange(before[0]!, now, (x) => nameOf(x) ?? 'iemand')).toContain('iemand doet deze afspraak nu mee.');
  });
});

describe('firstWords', () => {
  it('keeps a short text whole and cuts a long one after eight words', () => {
    expect(firstWords('Mark belt oma')).toBe('Mark belt oma');
    expect(firstWords('een twee drie vier vijf zes zeven acht negen')).toBe('een twee drie vier vijf zes zeven acht…');
  });
});
