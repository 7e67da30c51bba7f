// Manifest validation speed, the peer: node's JSON.parse + ajv's compiled validator for
// schemas/manifest.schema.json, from the same text, warm, in-process. Prints nanoseconds per
// document: the fastest of 40 batches of 25, as manifest_bench.cpp does. Usage: node ajv_bench.cjs <node_modules dir> <schema> <document>
'use strict';
const fs = require('fs');
const path = require('path');
const [modules, schemaPath, docPath] = process.argv.slice(2);
const Ajv2020 = require(path.resolve(modules, 'ajv/dist/2020'));
const validate = new Ajv2020({ strict: true }).compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
const text = fs.readFileSync(docPath, 'utf8');

const once = () => validate(JSON.parse(text));
if (!once()) {
  console.error('benchmark document is invalid for ajv:', validate.errors);
  process.exit(1);
}
for (let i = 0; i < 200; i++) once(); // warm up (and let the JIT settle)
const kBatches = 40, kPerBatch = 25;
const perDoc = [];
let sink = 0;
for (let b = 0; b < kBatches; b++) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < kPerBatch; i++) sink += once() ? 1 : 0;
  perDoc.push(Number(process.hrtime.bigint() - start) / kPerBatch);
}
console.log(Math.round(Math.min(...perDoc)));
process.exitCode = sink === kBatches * kPerBatch ? 0 : 1;
