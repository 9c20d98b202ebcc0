/**
 * The textarea binding without a browser: the pure diff and caret functions
 * over strings and Y.Text, and the whole binding driven through a minimal
 * stand-in for a textarea by two people whose updates cross in the network.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { anchorSelection, applyChange, bindTextarea, diffText, mapIndex, resolveSelection, type TextDelta } from './textBinding';

function textWith(content: string): Y.Text {
  const doc = new Y.Doc();
  const text = doc.getText('t');
  text.insert(0, content);
  return text;
}

describe('diffText', () => {
  it('is null when nothing changed', () => {
    expect(diffText('abc', 'abc')).toBeNull();
  });

  it('finds a plain insert, delete and replacement', () => {
    expect(diffText('hallo wereld', 'hallo mooie wereld', 12)).toEqual({ index: 6, remove: 0, insert: 'mooie ' });
    expect(diffText('hallo mooie wereld', 'hallo wereld', 6)).toEqual({ index: 6, remove: 6, insert: '' });
    expect(diffText('de kat', 'de hond', 7)).toEqual({ index: 3, remove: 3, insert: 'hond' });
  });

  it('uses the caret to place a typed letter next to the same letter where it was typed', () => {
    // "Xaa", caret between the two a's, another "a" typed: the new one is the middle one.
    expect(diffText('Xaa', 'Xaaa', 2)).toEqual({ index: 1, remove: 0, insert: 'a' });
    expect(diffText('Xaa', 'Xaaa', 4)).toEqual({ index: 3, remove: 0, insert: 'a' });
    expect(diffText('aa', 'aaa', 1)).toEqual({ index: 0, remove: 0, insert: 'a' });
  });

  it('uses the caret to remove the letter that Backspace or Delete removed', () => {
    // Backspace with the caret between the a's (or Delete before the second one) removes the first a.
    expect(diffText('Xaa', 'Xa', 1)).toEqual({ index: 1, remove: 1, insert: '' });
    expect(diffText('Xaa', 'Xa', 2)).toEqual({ index: 2, remove: 1, insert: '' });
  });

  it('ignores a caret that does not fit a minimal change', () => {
    expect(diffText('abc', 'abXc', 0)).toEqual({ index: 2, remove: 0, insert: 'X' });
    expect(diffText('abc', 'abXc', 99)).toEqual({ index: 2, remove: 0, insert: 'X' });
  });

  it('never splits a surrogate pair', () => {
    expect(diffText('a😀b', 'a😃b', 3)).toEqual({ index: 1, remove: 2, insert: '😃' });
    expect(diffText('😀', '😀😀', 4)).toEqual({ index: 2, remove: 0, insert: '😀' });
    const text = textWith('a😀b');
    applyChange(text, diffText('a😀b', 'a😃b', 3)!);
    expect(text.toString()).toBe('a😃b');
  });

  it('always turns the old text into the new one', () => {
    const samples = ['', 'a', 'aa', 'abc', 'abca', 'hallo', 'ahoi', 'xyzzy'];
    for (const prev of samples)
      for (const next of samples)
        for (let caret = 0; caret <= next.length; caret++) {
          const text = textWith(prev);
          const change = diffText(prev, next, caret);
          if (change) applyChange(text, change);
          expect(text.toString()).toBe(next);
        }
  });
});

describe('anchored selections', () => {
  function pair() {
    const a = new Y.Doc();
    const b = new Y.Doc();
    a.getText('t').insert(0, 'Xab');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const sync = () => {
      Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
      Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
    };
    return { a: a.getText('t'), b: b.getText('t'), sync };
  }

  it('keeps a caret in front of text someone else inserts exactly at it', () => {
    const { a, b, sync } = pair();
    const caret = anchorSelection(a, 3, 3);
    b.insert(3, '123');
    sync();
    expect(a.toString()).toBe('Xab123');
    expect(resolveSelection(a, caret)).toEqual({ start: 3, end: 3 });
  });

  it('moves a caret along with text inserted or deleted before it', () => {
    const { a, b, sync } = pair();
    const caret = anchorSelection(a, 2, 2);
    b.insert(0, '12');
    sync();
    expect(resolveSelection(a, caret)).toEqual({ start: 4, end: 4 });
    b.delete(0, 3);
    sync();
    expect(a.toString()).toBe('ab');
    expect(resolveSelection(a, caret)).toEqual({ start: 1, end: 1 });
  });

  it('keeps a caret at the start at the start', () => {
    const { a, b, sync } = pair();
    const caret = anchorSelection(a, 0, 0);
    b.insert(0, '12');
    sync();
    expect(resolveSelection(a, caret)).toEqual({ start: 0, end: 0 });
  });

  it('keeps text inserted at the edges of a selection outside it', () => {
    const { a, b, sync } = pair();
    const selection = anchorSelection(a, 1, 3); // "ab"
    b.insert(3, '>');
    b.insert(1, '<');
    sync();
    expect(a.toString()).toBe('X<ab>');
    expect(resolveSelection(a, selection)).toEqual({ start: 2, end: 4 });
  });

  it('lands where the deleted character it stuck to was', () => {
    const { a, b, sync } = pair();
    const caret = anchorSelection(a, 3, 3); // after "b"
    b.delete(1, 2);
    sync();
    expect(resolveSelection(a, caret)).toEqual({ start: 1, end: 1 });
  });
});

describe('mapIndex', () => {
  const delta: TextDelta = [{ retain: 2 }, { insert: 'xyz' }, { retain: 1 }, { delete: 2 }];
  it('moves positions through inserts and deletes', () => {
    expect(mapIndex(0, delta, -1)).toBe(0);
    expect(mapIndex(1, delta, 1)).toBe(1);
    expect(mapIndex(2, delta, -1)).toBe(2);
    expect(mapIndex(2, delta, 1)).toBe(5);
    expect(mapIndex(3, delta, -1)).toBe(6);
    expect(mapIndex(4, delta, -1)).toBe(6);
    expect(mapIndex(5, delta, -1)).toBe(6);
    expect(mapIndex(7, delta, -1)).toBe(8);
  });
});

/** Just enough of a textarea for the binding: value, selection, events, focus. */
class FakeTextarea {
  #value = '';
  selectionStart = 0;
  selectionEnd = 0;
  selectionDirection: 'forward' | 'backward' | 'none' = 'none';
  style = { height: '' };
  scrollHeight = 0;
  offsetHeight = 0;
  clientHeight = 0;
  ownerDocument: { activeElement: unknown; defaultView: null } = { activeElement: this, defaultView: null };
  #listeners = new Map<string, Set<(e: Event) => void>>();

  get value() {
    return this.#value;
  }
  /** As in a browser: a different value puts the caret at the end. */
  set value(v: string) {
    if (v === this.#value) return;
    this.#value = v;
    this.selectionStart = this.selectionEnd = v.length;
  }
  setSelectionRange(start: number, end: number) {
    this.selectionStart = start;
    this.selectionEnd = end;
  }
  addEventListener(type: string, fn: (e: Event) => void) {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set());
    this.#listeners.get(type)!.add(fn);
  }
  removeEventListener(type: string, fn: (e: Event) => void) {
    this.#listeners.get(type)?.delete(fn);
  }
  #fire(type: string, isComposing = false) {
    for (const fn of this.#listeners.get(type) ?? []) fn({ type, isComposing } as unknown as Event);
  }
  #edit(value: string, caret: number, composing = false) {
    this.#value = value;
    this.selectionStart = this.selectionEnd = caret;
    this.#fire('input', composing);
  }
  /** A key press that types `ch` over the selection. */
  type(ch: string) {
    const v = this.#value;
    this.#edit(v.slice(0, this.selectionStart) + ch + v.slice(this.selectionEnd), this.selectionStart + ch.length);
  }
  backspace() {
    const v = this.#value;
    const at = this.selectionStart;
    if (at > 0) this.#edit(v.slice(0, at - 1) + v.slice(at), at - 1);
  }
  /** An IME composition over the selection, shown as `steps` one after the other, with `meanwhile` happening before it ends. */
  compose(steps: string[], meanwhile: () => void) {
    const start = this.selectionStart;
    const before = this.#value;
    let replaced = this.selectionEnd - start;
    this.#fire('compositionstart');
    for (const step of steps) {
      const v = this.#value;
      this.#edit(v.slice(0, start) + step + v.slice(start + replaced), start + step.length, true);
      replaced = step.length;
    }
    const during = this.#value;
    meanwhile();
    expect(this.#value).toBe(during); // the textarea was left alone
    expect(during).not.toBe(before);
    this.#fire('compositionend');
  }
}

/** Two people on two documents; updates travel through queues that the test delivers when it likes. */
function twoPeople(seed: string) {
  const docs = [new Y.Doc(), new Y.Doc()] as const;
  const item = docs[0].getMap('item');
  item.set('text', new Y.Text(seed));
  Y.applyUpdate(docs[1], Y.encodeStateAsUpdate(docs[0]));
  const inbox: Uint8Array[][] = [[], []];
  docs.forEach((doc, i) =>
    doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== 'network') inbox[1 - i]!.push(update);
    }),
  );
  const deliver = (to: 0 | 1, count = Infinity) => {
    for (let n = 0; n < count && inbox[to]!.length > 0; n++) Y.applyUpdate(docs[to], inbox[to]!.shift()!, 'network');
  };
  const fields = docs.map(() => new FakeTextarea()) as [FakeTextarea, FakeTextarea];
  let edits = 0;
  docs.forEach((doc, i) =>
    bindTextarea(fields[i] as unknown as HTMLTextAreaElement, doc.getMap('item').get('text') as Y.Text, { onLocalChange: () => edits++ }),
  );
  const flush = () => {
    while (inbox[0]!.length || inbox[1]!.length) {
      deliver(0);
      deliver(1);
    }
  };
  return { docs, fields, deliver, flush, edits: () => edits };
}

/** A small deterministic random source. */
function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
}

describe('bindTextarea: two people typing at once', () => {
  const A = 'abcdefghij'.repeat(6);
  const B = '0123456789'.repeat(6);

  it('shows the Y.Text on binding and reports each local change', () => {
    const { fields, edits, docs } = twoPeople('Hallo');
    expect(fields[0].value).toBe('Hallo');
    fields[0].selectionStart = fields[0].selectionEnd = 5;
    fields[0].type('!');
    expect((docs[0].getMap('item').get('text') as Y.Text).toString()).toBe('Hallo!');
    expect(edits()).toBe(1);
  });

  for (const seed of [1, 2, 3, 4, 5]) {
    it(`both at the end, updates crossing at random (run ${seed}): each person's text stays whole and in order`, () => {
      const { fields, deliver, flush, docs } = twoPeople('Seed:');
      const rnd = random(seed);
      for (const f of fields) f.selectionStart = f.selectionEnd = 5;
      let i = 0;
      let j = 0;
      while (i < A.length || j < B.length) {
        if (i < A.length && rnd() < 0.5) fields[0].type(A[i++]!);
        else if (j < B.length) fields[1].type(B[j++]!);
        deliver(0, Math.floor(rnd() * 3));
        deliver(1, Math.floor(rnd() * 3));
      }
      flush();
      const result = fields[0].value;
      expect(fields[1].value).toBe(result);
      expect(docs.map((d) => (d.getMap('item').get('text') as Y.Text).toString())).toEqual([result, result]);
      expect(['Seed:' + A + B, 'Seed:' + B + A]).toContain(result);
    });
  }

  it('one at the start, one at the end', () => {
    const { fields, deliver, flush } = twoPeople('midden');
    const rnd = random(7);
    fields[0].selectionStart = fields[0].selectionEnd = 0;
    fields[1].selectionStart = fields[1].selectionEnd = 6;
    for (let k = 0; k < A.length; k++) {
      fields[0].type(A[k]!);
      fields[1].type(B[k]!);
      deliver(0, Math.floor(rnd() * 3));
      deliver(1, Math.floor(rnd() * 3));
    }
    flush();
    expect(fields[0].value).toBe(A + 'midden' + B);
    expect(fields[1].value).toBe(A + 'midden' + B);
  });

  it('keeps a selection on the same words across a remote change', () => {
    const { fields, deliver } = twoPeople('de kat slaapt');
    fields[0].setSelectionRange(3, 6); // "kat"
    fields[1].selectionStart = fields[1].selectionEnd = 0;
    fields[1].type('Z');
    deliver(0);
    expect(fields[0].value).toBe('Zde kat slaapt');
    expect([fields[0].selectionStart, fields[0].selectionEnd]).toEqual([4, 7]);
  });

  it('a backspace removes the character before the caret, even among equal ones', () => {
    const { fields, deliver, flush } = twoPeople('Xaa');
    fields[0].selectionStart = fields[0].selectionEnd = 2;
    fields[1].selectionStart = fields[1].selectionEnd = 3;
    fields[0].backspace();
    fields[1].type('!');
    deliver(1);
    deliver(0);
    flush();
    expect(fields[0].value).toBe('Xa!');
    expect(fields[1].value).toBe('Xa!');
  });

  it('an unfocused textarea still follows remote changes', () => {
    const { fields, deliver } = twoPeople('abc');
    fields[0].ownerDocument.activeElement = null;
    fields[1].selectionStart = fields[1].selectionEnd = 3;
    fields[1].type('d');
    deliver(0);
    expect(fields[0].value).toBe('abcd');
  });

  it('an IME composition is not disturbed by remote typing and ends up where it was started', () => {
    const { fields, deliver, flush } = twoPeople('Ik ben  blij');
    fields[0].selectionStart = fields[0].selectionEnd = 7; // between the two spaces
    fields[1].selectionStart = fields[1].selectionEnd = 0;
    fields[0].compose(['h', 'he', 'hee', 'heel'], () => {
      fields[1].type('Ja');
      fields[1].type(',');
      fields[1].type(' ');
      deliver(0);
    });
    flush();
    expect(fields[0].value).toBe('Ja, Ik ben heel blij');
    expect(fields[1].value).toBe('Ja, Ik ben heel blij');
    // The caret is after the composed word.
    expect(fields[0].selectionEnd).toBe('Ja, Ik ben heel'.length);
  });

  it('a composed word goes in front of text someone else typed at the same spot meanwhile', () => {
    const { fields, deliver, flush } = twoPeople('Ik ben blij');
    fields[0].selectionStart = fields[0].selectionEnd = 6; // after "ben"
    fields[1].selectionStart = fields[1].selectionEnd = 6;
    fields[0].compose([' z', ' ze', ' zeer'], () => {
      fields[1].type('!');
      deliver(0);
    });
    flush();
    expect(fields[0].value).toBe('Ik ben zeer! blij');
    expect(fields[1].value).toBe('Ik ben zeer! blij');
    expect(fields[0].selectionEnd).toBe('Ik ben zeer'.length);
  });

  it('a composition over a selection replaces only that, not what others typed at its edges', () => {
    const { fields, deliver, flush } = twoPeople('de kat slaapt');
    fields[0].setSelectionRange(3, 6); // "kat"
    fields[0].compose(['h', 'ho', 'hond'], () => {
      fields[1].selectionStart = fields[1].selectionEnd = 6;
      fields[1].type('>');
      fields[1].selectionStart = fields[1].selectionEnd = 3;
      fields[1].type('<');
      deliver(0);
    });
    flush();
    expect(fields[0].value).toBe('de <hond> slaapt');
    expect(fields[1].value).toBe('de <hond> slaapt');
  });

  it('an IME composition without remote changes is one local change', () => {
    const { fields, flush, edits } = twoPeople('Ik ben  blij');
    fields[0].selectionStart = fields[0].selectionEnd = 7;
    fields[0].compose(['b', 'bl', 'bly'], () => {});
    flush();
    expect(edits()).toBe(1);
    expect(fields[1].value).toBe('Ik ben bly blij');
  });
});
