import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { installAttributionGuard } from './attributionGuard';
import { renderBodemeisen } from './bodemeisen';
import { addItem, applyTextDiff, getItem, itemText, listSection, moveItem, reorderItem, restoreItems, setStatus, setText, setValue } from './items';
import { KAART_COLUMNS, KAART_SECTION_IDS, renderKaart } from './kaart';
import { afspraken, renderPlan } from './plan';

const riet = { participantId: 'p-riet', name: 'Riet de Vries', role: 'Netwerklid' };
const sophie = { participantId: 'p-sophie', name: 'Sophie Jansen', role: 'Jeugdbeschermer' };

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('kaart schema', () => {
  it('has the three columns and nine sections of SPEC §2.1, each with a question', () => {
    expect(KAART_COLUMNS.map((c) => c.title)).toEqual(['Waar maken we ons zorgen over?', 'Wat gaat er goed?', 'Wat moet er gebeuren?']);
    expect(KAART_COLUMNS.flatMap((c) => c.sections.map((s) => s.title))).toEqual([
      'Wat is er gebeurd?',
      'Waar zijn we bang voor?',
      'Complicerende factoren',
      'Bestaande krachten',
      'Bestaande veiligheid',
      'Doelen van de hulpverlening',
      'Doelen van het gezin',
      'Direct noodzakelijk',
      'Volgende stappen',
    ]);
    expect(KAART_COLUMNS.flatMap((c) => c.sections).every((s) => s.question.length > 10)).toBe(true);
  });

  it('adds attributed items and renders them as JSON with a schema version', () => {
    const doc = new Y.Doc();
    const id = addItem(doc, riet, { section: 'krachten', fields: { text: 'Oma haalt de kinderen op' }, now: 1000 });
    const json = renderKaart(doc);
    expect(json.schemaVersion).toBe(1);
    expect(Object.keys(json.sections)).toEqual([...KAART_SECTION_IDS]);
    expect(json.sections.krachten).toEqual([
      expect.objectContaining({
        id,
        fields: { text: 'Oma haalt de kinderen op' },
        status: 'actueel',
        createdBy: { id: 'p-riet', name: 'Riet de Vries', role: 'Netwerklid' },
        createdAt: 1000,
        editedBy: null,
      }),
    ]);
  });

  it('reorders within a section and moves between sections', () => {
    const doc = new Y.Doc();
    const a = addItem(doc, riet, { section: 'bang', fields: { text: 'a' } });
    const b = addItem(doc, riet, { section: 'bang', fields: { text: 'b' } });
    const c = addItem(doc, riet, { section: 'bang', fields: { text: 'c' } });
    reorderItem(doc, c, -1, sophie);
    expect(listSection(doc, 'bang').map((i) => i.fields.text)).toEqual(['a', 'c', 'b']);
    reorderItem(doc, a, -1, sophie); // already at the top: no change
    expect(listSection(doc, 'bang').map((i) => i.id)).toEqual([a, c, b]);
    moveItem(doc, b, 'direct', 0, sophie);
    expect(listSection(doc, 'bang').map((i) => i.id)).toEqual([a, c]);
    expect(listSection(doc, 'direct')).toEqual([expect.objectContaining({ id: b, section: 'direct', editedBy: { id: 'p-sophie', name: 'Sophie Jansen' } })]);
  });

  it('withdraws with a reason (kept visible), resolves, and refuses a withdrawal without reason', () => {
    const doc = new Y.Doc();
    const id = addItem(doc, riet, { section: 'gebeurd', fields: { text: 'Ruzie op 3 maart' } });
    expect(() => setStatus(doc, id, 'ingetrokken', '  ', sophie)).toThrow();
    setStatus(doc, id, 'ingetrokken', 'Dubbel opgeschreven', sophie, 2000);
    expect(listSection(doc, 'gebeurd')).toEqual([
      expect.objectContaining({
        status: 'ingetrokken',
        statusReason: 'Dubbel opgeschreven',
        statusBy: { id: 'p-sophie', name: 'Sophie Jansen' },
        statusAt: 2000,
      }),
    ]);
    setStatus(doc, id, 'actueel', 'Toch nog nodig', riet);
    expect(listSection(doc, 'gebeurd')[0]).toMatchObject({ status: 'actueel', statusReason: 'Toch nog nodig' });
  });

  it('keeps the words of two people typing in one item at the same time', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    const id = addItem(a, riet, { section: 'doelen-gezin', fields: { text: 'De kinderen wonen thuis.' } });
    sync(a, b);
    setText(a, id, 'text', 'De kinderen wonen veilig thuis.', riet);
    setText(b, id, 'text', 'De kinderen wonen thuis. Zonder ruzie.', sophie);
    sync(a, b);
    expect(itemText(a, id, 'text')!.toString()).toBe('De kinderen wonen veilig thuis. Zonder ruzie.');
    expect(itemText(b, id, 'text')!.toString()).toBe(itemText(a, id, 'text')!.toString());
  });

  it('applies a minimal text diff', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'hallo wereld');
    const ops: unknown[] = [];
    text.observe((e) => ops.push(e.delta));
    applyTextDiff(text, 'hallo mooie wereld');
    expect(text.toString()).toBe('hallo mooie wereld');
    expect(ops).toEqual([[{ retain: 6 }, { insert: 'mooie ' }]]);
  });
});

describe('plan and bodemeisen schema', () => {
  it('renders afspraken with who, status and all SMART fields', () => {
    const doc = new Y.Doc();
    const id = addItem(doc, sophie, {
      section: 'afspraken',
      fields: { wat: 'Oma haalt Sanne op', wanneer: 'Elke woensdag 15:00', hoeWetenWe: 'Oma stuurt een bericht', watAlsNiet: 'Buurvrouw springt in' },
      values: { wie: ['p-riet'], voortgang: 'loopt' },
    });
    setValue(doc, id, 'voortgang', 'nagekomen', riet);
    expect(afspraken(doc)).toEqual([
      {
        id,
        kind: 'afspraak',
        wat: 'Oma haalt Sanne op',
        wanneer: 'Elke woensdag 15:00',
        hoeWetenWe: 'Oma stuurt een bericht',
        watAlsNiet: 'Buurvrouw springt in',
        wie: ['p-riet'],
        voortgang: 'nagekomen',
        start: null,
        herhaling: null,
        evaluatie: null,
      },
    ]);
    expect(renderPlan(doc).sections.netwerk).toEqual([]);
  });

  it('renders bodemeisen with text and reason', () => {
    const doc = new Y.Doc();
    addItem(doc, sophie, { section: 'eisen', fields: { tekst: 'Geen alcohol als de kinderen thuis zijn', reden: 'Veiligheid' } });
    expect(renderBodemeisen(doc).sections.eisen![0]).toMatchObject({ fields: { tekst: 'Geen alcohol als de kinderen thuis zijn', reden: 'Veiligheid' } });
  });
});

describe('attribution guard', () => {
  function guarded() {
    const doc = new Y.Doc();
    const senders = new Map<unknown, typeof riet>();
    installAttributionGuard(
      doc,
      (origin) => senders.get(origin) ?? null,
      (sender, apply) => doc.transact(apply, 'server'),
    );
    return {
      doc,
      as: (who: typeof riet) => {
        const origin = { who };
        senders.set(origin, who);
        return origin;
      },
    };
  }

  it('makes a new item created by the sender, whatever the client wrote', () => {
    const { doc, as } = guarded();
    const origin = as(riet);
    let id = '';
    doc.transact(() => {
      id = addItem(doc, sophie, { section: 'bang', fields: { text: 'vervalst' } });
    }, origin);
    expect(getItem(doc, id)!.get('createdById')).toBe('p-riet');
    expect(getItem(doc, id)!.get('createdByName')).toBe('Riet de Vries');
  });

  it('restores "created by" and corrects "edited by" and "status by" on existing items', () => {
    const { doc, as } = guarded();
    let id = '';
    doc.transact(() => {
      id = addItem(doc, sophie, { section: 'bang', fields: { text: 'origineel' } });
    }, as(sophie));
    doc.transact(() => {
      const item = getItem(doc, id)!;
      item.set('createdById', 'p-riet');
      item.set('createdByName', 'Riet de Vries');
      item.set('editedById', 'p-sophie');
      item.set('statusById', 'p-sophie');
    }, as(riet));
    const item = getItem(doc, id)!;
    expect(item.get('createdById')).toBe('p-sophie');
    expect(item.get('createdByName')).toBe('Sophie Jansen');
    expect(item.get('editedById')).toBe('p-riet');
    expect(item.get('statusById')).toBe('p-riet');
  });

  it('credits a status change or a text edit to the sender when the client left the old name standing', () => {
    const { doc, as } = guarded();
    let id = '';
    doc.transact(() => {
      id = addItem(doc, sophie, { section: 'bang', fields: { text: 'origineel' } });
      setStatus(doc, id, 'ingetrokken', 'Klopt niet meer', sophie);
    }, as(sophie));
    // Riet puts it back and edits the text, but writes no "status by" / "edited by" of her own.
    doc.transact(() => {
      getItem(doc, id)!.set('status', 'actueel');
      getItem(doc, id)!.set('statusReason', null);
      itemText(doc, id, 'text')!.insert(0, 'Nog steeds: ');
    }, as(riet));
    const item = getItem(doc, id)!;
    expect(item.get('statusById')).toBe('p-riet');
    expect(item.get('statusByName')).toBe('Riet de Vries');
    expect(item.get('editedById')).toBe('p-riet');
    expect(item.get('editedByName')).toBe('Riet de Vries');
    expect(item.get('createdById')).toBe('p-sophie');
  });

  it('leaves honest changes alone', () => {
    const { doc, as } = guarded();
    const updates: unknown[] = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => updates.push(origin));
    const origin = as(riet);
    doc.transact(() => {
      const id = addItem(doc, riet, { section: 'bang', fields: { text: 'eerlijk' } });
      setText(doc, id, 'text', 'eerlijk gezegd', riet);
    }, origin);
    expect(updates).toEqual([origin]);
    const [item] = listSection(doc, 'bang');
    doc.transact(() => setText(doc, item!.id, 'text', 'eerlijk gezegd, echt', riet), origin);
    doc.transact(() => setStatus(doc, item!.id, 'opgelost', 'Gaat goed nu', riet), origin);
    expect(updates).toEqual([origin, origin, origin]); // no corrections
  });
});

describe('restoreItems', () => {
  it('makes the live items equal to the snapshot as one new change, keeping original authors', () => {
    const live = new Y.Doc();
    const keep = addItem(live, riet, { section: 'bang', fields: { text: 'Oorspronkelijk' } });
    const gone = addItem(live, riet, { section: 'bang', fields: { text: 'Later verwijderd' } });
    const snapshot = new Y.Doc();
    Y.applyUpdate(snapshot, Y.encodeStateAsUpdate(live));
    setText(live, keep, 'text', 'Aangepast', sophie);
    setStatus(live, keep, 'ingetrokken', 'Niet meer nodig', sophie);
    live.getMap('items').delete(gone);
    addItem(live, sophie, { section: 'stappen', fields: { text: 'Nieuw na de versie' } });

    const origins: unknown[] = [];
    live.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
    live.transact(() => restoreItems(live, snapshot), 'herstel');
    expect(origins).toEqual(['herstel']);
    expect(renderKaart(live)).toEqual(renderKaart(snapshot));
    expect(listSection(live, 'bang').map((i) => i.createdBy.name)).toEqual(['Riet de Vries', 'Riet de Vries']);
  });
});
