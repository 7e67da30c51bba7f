// The schema's `abiVersion` pattern against node-semver's verdicts (data/semver_oracle.tsv: every
// range form node-semver 7.8.5 knows, accepted or refused), compiled as ajv compiles it (`u`).
// It also fails when the schema's pattern is not what schemas/abi-version-pattern.cjs builds,
// so the pattern is only changed through its generator.
// Usage: node abi_version_oracle.cjs <manifest.schema.json> <abi-version-pattern.cjs> <oracle.tsv>
'use strict';
const fs = require('fs');
const path = require('path');

const [schemaPath, generatorPath, oraclePath] = process.argv.slice(2);
const pattern = JSON.parse(fs.readFileSync(schemaPath, 'utf8')).$defs.abiVersion.pattern;
const { PATTERN } = require(path.resolve(generatorPath));
let failures = 0;
if (pattern !== PATTERN) {
  console.log(`${schemaPath}: $defs.abiVersion.pattern is not what ${generatorPath} builds; ` +
              `run \`node ${generatorPath} --write\``);
  failures++;
}
const re = new RegExp(pattern, 'u');
let checked = 0, accepted = 0;
for (const line of fs.readFileSync(oraclePath, 'utf8').split('\n')) {
  if (line === '') continue; // the empty range is the line "\t*\t..."
  const [range, verdict] = line.split('\t');
  const nodeAccepts = verdict !== 'invalid';
  checked++;
  if (nodeAccepts) accepted++;
  if (re.test(range) !== nodeAccepts) {
    console.log(`${JSON.stringify(range)}: node-semver ${nodeAccepts ? 'accepts' : 'refuses'} it, ` +
                `the schema ${nodeAccepts ? 'refuses' : 'accepts'} it`);
    failures++;
  }
}
// Both verdicts are present, so the comparison cannot pass by the pattern accepting everything.
if (checked < 2000 || accepted < 1000 || checked - accepted < 1000) {
  console.log(`${oraclePath}: only ${checked} ranges (${accepted} accepted)`);
  failures++;
}
console.log(`${checked} ranges, ${failures} disagreements`);
process.exit(failures ? 1 : 0);
