// The benchmark document, built the same way as document.cpp: a deterministic ~1 MB mix of
// records (integers, decimals, strings with escapes and non-ASCII text, booleans, null, nested
// objects and arrays). Same PRNG, same draws, same order: the two sides stringify to the same
// bytes (run.sh checks it).
'use strict';

const WORDS = ['alpha', 'beta', 'gamma', 'delta', 'epsilon', 'caf\u00e9', 'na\u00efve', 'line\nbreak',
  'tab\there', 'quote"d', 'back\\slash', '\u{1f600} smile', '\u6771\u4eac', 'plain text value',
  'x', ''];

function makeDocument(records) {
  let seed = 0x9e3779b9;
  const next = () => { // xorshift32
    seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
    return seed;
  };
  const word = () => WORDS[next() % WORDS.length];
  const list = [];
  for (let i = 0; i < records; i++) {
    const tags = [];
    const tagCount = next() % 5;
    for (let t = 0; t < tagCount; t++) tags.push(word());
    list.push({
      id: i,
      name: word() + ' ' + word(),
      score: (next() % 1000000) / 1000,
      ratio: next() / 4294967296,
      big: (next() % 1000) * 1e18,
      active: next() % 2 === 0,
      missing: null,
      tags,
      position: { x: (next() % 20001) - 10000, y: (next() % 2000) / 7 },
      history: [next() % 100, next() % 100, next() % 100],
    });
  }
  return { version: 1, generator: 'perry-bench', records: list };
}

module.exports = { makeDocument };
