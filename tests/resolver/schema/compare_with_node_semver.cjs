// Compares the schema's abiVersion pattern with node-semver itself, beyond the checked-in oracle:
// every string of up to N characters over an alphabet of range characters, and random ranges
// built from versions, operators, spaces and `||`. Not a ctest (it takes about a minute and
// needs npm's own copy of semver); run it after changing schemas/abi-version-pattern.cjs:
//   node compare_with_node_semver.cjs "$(npm root -g)/npm/node_modules/semver" [N] [RANDOM]
// Prints each disagreement (at most 20 of each kind) and exits 1 when there is one.
'use strict';
const path = require('path');

const [semverDir, maxLength = '5', randomCount = '100000'] = process.argv.slice(2);
const semver = require(path.resolve(semverDir));
const { PATTERN } = require(path.join(__dirname, '..', '..', '..', 'schemas', 'abi-version-pattern.cjs'));
const pattern = new RegExp(PATTERN, 'u');

const nodeAccepts = text => {
  try {
    new semver.Range(text);
    return true;
  } catch (e) {
    return false;
  }
};
let checked = 0;
const found = { node: [], pattern: [] };
function compare(text) {
  checked++;
  const node = nodeAccepts(text);
  if (node !== pattern.test(text)) found[node ? 'node' : 'pattern'].push(text);
}

// Every short string. `+` (build metadata) is left out: node strips it anywhere, the pattern
// takes it only after a version (docs/resolver/manifest.md).
const alphabet = '10.x*-a <>=~^v|';
(function every(prefix) {
  compare(prefix);
  if (prefix.length < +maxLength) for (const c of alphabet) every(prefix + c);
})('');

// Random ranges (a fixed seed: the same ones every run).
let seed = 1;
function random(n) {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) % n;
}
const pick = list => list[random(list.length)];
const numbers = ['0', '1', '2', '10', '01', '9007199254740990', '9007199254740991', '9007199254740992'];
function version() {
  const parts = [];
  for (let i = 1 + random(4); i > 0; i--) parts.push(random(4) ? pick(numbers) : pick(['x', 'X', '*']));
  let text = pick(['', '', '', 'v', '=', 'v=', '=v', ' ', '= ']) + parts.join('.');
  if (!random(4)) text += '-' + pick(['alpha', '0', '01', 'a-b', 'rc1', '']);
  if (!random(5)) text += '+' + pick(['build', '0', 'a-b', '']);
  return text;
}
const operators = ['', '', '', '', '=', '<', '<=', '>', '>=', '~', '~>', '^', '=>', '<>', '==',
  '>==', '~=', '^=', '< =', '> =', '~ >', '~> ='];
function set() {
  if (!random(5)) return version() + pick([' - ', '  - ', ' -', ' - - ']) + version();
  const words = [];
  for (let i = 1 + random(3); i > 0; i--) words.push(pick(operators) + pick(['', ' ', '\t']) + version());
  return words.join(pick([' ', '  ', '\t']));
}
for (let i = 0; i < +randomCount; i++) {
  const sets = [];
  for (let j = 1 + random(3); j > 0; j--) sets.push(random(12) ? set() : '');
  compare(sets.join(pick(['||', ' || ', ' | ', '|||'])));
}

for (const [who, list] of Object.entries(found)) {
  for (const text of list.slice(0, 20)) {
    console.log(`${JSON.stringify(text)}: only ${who === 'node' ? 'node-semver' : 'the pattern'} accepts it`);
  }
}
const disagreements = found.node.length + found.pattern.length;
console.log(`${checked} ranges, ${disagreements} disagreements`);
process.exit(disagreements ? 1 : 0);
