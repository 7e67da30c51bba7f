// node's side: JSON.stringify of the benchmark document, timed in-process.
//   node node_peer.js <records> [--dump file]
// Prints "<microseconds per op> <bytes>".
'use strict';
const { makeDocument } = require('./document.js');
const fs = require('fs');

const records = Number(process.argv[2] || 4000);
const document = makeDocument(records);
let text = JSON.stringify(document);
const dump = process.argv.indexOf('--dump');
if (dump > 0) fs.writeFileSync(process.argv[dump + 1], text);

for (let i = 0; i < 20; i++) text = JSON.stringify(document); // warm up
const batches = [];
for (let b = 0; b < 7; b++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < 20; i++) text = JSON.stringify(document);
  batches.push(Number(process.hrtime.bigint() - start) / 1000 / 20);
}
batches.sort((a, b) => a - b);
console.log(`${batches[3].toFixed(1)} ${Buffer.byteLength(text)}`);
