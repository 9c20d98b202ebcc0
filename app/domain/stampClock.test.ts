/** Stamps on the server's clock: the offset, a skewed device clock, and every stamp writer in items.ts using it by default. */
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addItem, addReaction, itemToJSON, itemsMap, setStatus, setText } from './items';
import { clockOffset, createStampClock, stampClock, stampNow } from './stampClock';

const HOUR = 60 * 60 * 1000;
const jan = { participantId: 'p-jan', name: 'Jan de Wit', role: 'Professional' };

describe('clockOffset', () => {
  it('is how far the server is ahead of the device', () => {
    expect(clockOffset(10_000, 4_000)).toBe(6_000);
    expect(clockOffset(4_000, 10_000)).toBe(-6_000);
  });

  it('is 0 for a missing or broken reading', () => {
    for (const bad of [undefined, null, 'nu', Number.NaN, Number.POSITIVE_INFINITY, {}]) expect(clockOffset(bad, 1_000)).toBe(0);
    expect(clockOffset(1_000, Number.NaN)).toBe(0);
  });
});

describe('createStampClock', () => {
  it('follows the device clock until it gets a reading', () => {
    let device = 5_000;
    const clock = createStampClock(() => device);
    expect(clock.now()).toBe(5_000);
    device = 7_000;
    expect(clock.now()).toBe(7_000);
  });

  it('turns a device clock an hour ahead into server time, and keeps doing so as time passes', () => {
    const server = 1_800_000_000_000;
    let device = server + HOUR;
    const clock = createStampClock(() => device);
    clock.sync(server);
    expect(clock.offset).toBe(-HOUR);
    expect(clock.now()).toBe(server);
    device += 2_500;
    expect(clock.now()).toBe(server + 2_500);
  });

  it('takes each new reading (a later page load) instead of the old one', () => {
    let device = 1_000;
    const clock = createStampClock(() => device);
    clock.sync(1_000 + HOUR);
    device = 2_000;
    clock.sync(2_000 - HOUR);
    expect(clock.now()).toBe(2_000 - HOUR);
  });
});

describe('items.ts writes its stamps with stampNow', () => {
  afterEach(() => stampClock.sync(undefined)); // back to offset 0

  it('createdAt, editedAt, statusAt and a reaction’s time all carry the offset', () => {
    stampClock.sync(Date.now() - HOUR); // the server is an hour behind this device
    const doc = new Y.Doc();
    const before = stampNow();
    const id = addItem(doc, jan, { section: 'bang', fields: { text: 'Geen vaste bedtijd' } });
    setText(doc, id, 'text', 'Geen vaste bedtijd meer', jan);
    setStatus(doc, id, 'opgelost', 'Er is een ritueel', jan);
    addReaction(doc, id, 'Fijn!', jan);
    const after = stampNow();
    const item = itemToJSON(itemsMap(doc).get(id)!);
    for (const at of [item.createdAt, item.editedAt, item.statusAt, item.reactions[0]!.at]) {
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeLessThanOrEqual(after);
      expect(at).toBeLessThan(Date.now() - HOUR + 60_000);
    }
  });
});
