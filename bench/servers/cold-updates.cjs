// @ts-nocheck
'use strict'
/**
 * Deterministic generator of N small, separate Yjs updates for the cold-load workload
 * (shared by the reference and Hocuspocus bench servers). Simulates typing: short text
 * inserts at pseudo-random positions into a Y.Text, plus every 10th update a Y.Map set.
 */
/**
 * @param {any} Y the caller's `yjs` module (passed in so CJS and ESM callers never load two Yjs copies)
 * @param {number} count number of updates
 * @param {number} seed PRNG seed (different docs get different content)
 * @returns {Uint8Array[]}
 */
function buildColdUpdates (Y, count, seed) {
  const doc = new Y.Doc()
  const text = doc.getText('content')
  const map = doc.getMap('meta')
  const updates = []
  doc.on('update', (u) => { updates.push(u) })
  let s = (seed * 2654435761) >>> 0
  const rnd = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0
    return s / 4294967296
  }
  const words = ['veilig', 'plan', 'gezin', 'netwerk', 'zorg', 'afspraak', 'school', 'oma', ' ', '. ']
  for (let i = 0; i < count; i++) {
    if (i % 10 === 9) {
      map.set(`k${i % 200}`, i)
    } else {
      const pos = Math.floor(rnd() * (text.length + 1))
      text.insert(pos, words[Math.floor(rnd() * words.length)])
    }
  }
  doc.destroy()
  return updates
}

exports.buildColdUpdates = buildColdUpdates
