import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { renderBodemeisen } from './bodemeisen';
import { diffCase, type CaseRendering } from './diff';
import { addItem, moveItem, setStatus, setText, setValue } from './items';
import { renderKaart } from './kaart';
import { renderPlan } from './plan';

const sophie = { participantId: 'p1', name: 'Sophie Jansen', role: 'Jeugdbeschermer' };
const linda = { participantId: 'p2', name: 'Linda Bakker', role: 'Ouder / verzorger' };

function rendering(docs: { kaart: Y.Doc; plan: Y.Doc; bodemeisen: Y.Doc }, scores: CaseRendering['scores'] = {}): CaseRendering {
  return { kaart: renderKaart(docs.kaart), plan: renderPlan(docs.plan), bodemeisen: renderBodemeisen(docs.bodemeisen), scores };
}

function fork(docs: { kaart: Y.Doc; plan: Y.Doc; bodemeisen: Y.Doc }) {
  const copy = (d: Y.Doc) => {
    const c = new Y.Doc();
    Y.applyUpdate(c, Y.encodeStateAsUpdate(d));
    return c;
  };
  return { kaart: copy(docs.kaart), plan: copy(docs.plan), bodemeisen: copy(docs.bodemeisen) };
}

describe('diffCase', () => {
  it('describes every kind of change in Dutch', () => {
    const before = { kaart: new Y.Doc(), plan: new Y.Doc(), bodemeisen: new Y.Doc() };
    const edited = addItem(before.kaart, linda, { section: 'bang', fields: { text: 'Oude zorg' } });
    const moved = addItem(before.kaart, linda, { section: 'bang', fields: { text: 'Verkeerde plek' } });
    const resolved = addItem(before.kaart, linda, { section: 'direct', fields: { text: 'Slot op de deur' } });
    const withdrawn = addItem(before.kaart, linda, { section: 'gebeurd', fields: { text: 'Dubbel' } });
    const removed = addItem(before.kaart, linda, { section: 'stappen', fields: { text: 'Weg ermee' } });
    const afspraak = addItem(before.plan, sophie, {
      section: 'afspraken',
      fields: { wat: 'Oma haalt op', wanneer: 'woensdag' },
      values: { wie: [], voortgang: 'loopt' },
    });
    const eis = addItem(before.bodemeisen, sophie, { section: 'eisen', fields: { tekst: 'Geen geweld', reden: 'Veiligheid' } });
    const a = rendering(before, { p2: { name: 'Linda Bakker', score: 4 } });

    const after = fork(before);
    setText(after.kaart, edited, 'text', 'Nieuwe zorg', sophie);
    moveItem(after.kaart, moved, 'complicerend', 0, sophie);
    setStatus(after.kaart, resolved, 'opgelost', 'Het gaat nu goed', sophie);
    setStatus(after.kaart, withdrawn, 'ingetrokken', 'Stond er al', sophie);
    after.kaart.getMap('items').delete(removed);
    addItem(after.kaart, linda, { section: 'krachten', fields: { text: 'Oma helpt' } });
    setValue(after.plan, afspraak, 'voortgang', 'nagekomen', linda);
    setValue(after.plan, afspraak, 'wie', ['p3'], sophie);
    addItem(after.plan, sophie, { section: 'afspraken', fields: { wat: 'Buurvrouw is bereikbaar' }, values: { wie: [], voortgang: 'loopt' } });
    setText(after.bodemeisen, eis, 'reden', 'Veiligheid van Sanne', sophie);
    const b = rendering(after, { p2: { name: 'Linda Bakker', score: 6 }, p1: { name: 'Sophie Jansen', score: 3 } });

    const lines = diffCase(a, b).map((l) => `${l.document} | ${l.kind} | ${l.text}${l.before !== undefined ? ` | ${l.before} → ${l.after}` : ''}`);
    expect(lines).toEqual(
      expect.arrayContaining([
        'Kaart | gewijzigd | Tekst aangepast | Oude zorg → Nieuwe zorg',
        'Kaart | verplaatst | “Verkeerde plek” verplaatst van Waar zijn we bang voor? naar Complicerende factoren',
        'Kaart | opgelost | “Slot op de deur” is opgelost (door Sophie Jansen) — reden: Het gaat nu goed',
        'Kaart | ingetrokken | “Dubbel” is ingetrokken (door Sophie Jansen) — reden: Stond er al',
        'Kaart | verwijderd | “Weg ermee” staat er niet meer in (Volgende stappen)',
        'Kaart | toegevoegd | “Oma helpt” toegevoegd in Bestaande krachten (door Linda Bakker)',
        'Veiligheidsplan | gewijzigd | “Oma haalt op”: stand van Loopt naar Nagekomen',
        'Veiligheidsplan | gewijzigd | “Oma haalt op”: wie het doet is aangepast',
        'Veiligheidsplan | toegevoegd | “Buurvrouw is bereikbaar” toegevoegd in Afspraken (door Sophie Jansen)',
        'Bodemeisen | gewijzigd | Waarom aangepast | Veiligheid → Veiligheid van Sanne',
        'Schaal | score | Linda Bakker: score van 4 naar 6',
        'Schaal | score | Sophie Jansen gaf voor het eerst een score: 3',
      ]),
    );
    expect(lines).toHaveLength(12);
  });

  it('finds nothing between identical renderings', () => {
    const docs = { kaart: new Y.Doc(), plan: new Y.Doc(), bodemeisen: new Y.Doc() };
    addItem(docs.kaart, linda, { section: 'bang', fields: { text: 'x' } });
    expect(diffCase(rendering(docs), rendering(fork(docs)))).toEqual([]);
  });
});
