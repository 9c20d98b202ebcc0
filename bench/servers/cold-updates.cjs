'use strict';
/**
 * Deterministic generator of N small, separate Yjs updates for the cold-load workload
 * (shared by the reference and Hocuspocus bench servers). Simulates a user typing into a
 * Y.Text: one update per keystroke-sized insert at a cursor that mostly advances and jumps
 * to a random place every ~40 edits; every 20th edit is a backspace and every 10th a Y.Map set.
 */

/**
 * @param {any} Y the caller's `yjs` module (passed in so CJS and ESM callers never load two Yjs copies)
 * @param {number} count number of updates
 * @param {number} seed PRNG seed (different docs get different content)
 * @returns {Uint8Array[]}
 */
function buildColdUpdates(Y, count, seed) {
  const doc = new Y.Doc();
  const text = doc.getText('content');
  const map = doc.getMap('meta');
  const updates = [];
  doc.on('update', (u) => {
    updates.push(u);
  });
  let s = (seed * 2654435761) >>> 0;
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const chunks = ['v', 'e', 'i', 'l', 'ig', ' ', 'plan', 'gezin', ' ', 'netwerk', '. ', 'a', 'o', 'n'];
  let cursor = 0;
  for (let i = 0; i < count; i++) {
    if (i % 10 === 9) {
      map.set(`k${i % 200}`, i);
    } else if (i % 20 === 4 && cursor > 0) {
      text.delete(cursor - 1, 1);
      cursor--;
    } else {
      if (i % 40 === 0) cursor = Math.floor(rnd() * (text.length + 1));
      const c = chunks[Math.floor(rnd() * chunks.length)];
      text.insert(cursor, c);
      cursor += c.length;
    }
  }
  doc.destroy();
  return updates;
}

exports.buildColdUpdates = buildColdUpdates;
