// Writes semver_oracle.tsv: node-semver's verdict on every range form it knows (run once with
// npm's own copy of semver: `node make_semver_oracle.js <path to semver> > semver_oracle.tsv`).
// Each line: range, then `invalid`, or the desugared range node prints and the probe versions
// (numbers into PROBES) that satisfy it. The test (semver_test.cpp) needs no node.
'use strict'
const semver = require(process.argv[2])
const PROBES = ['0.0.0', '0.0.1', '0.0.3', '0.0.4', '0.1.0', '0.2.3', '0.2.9', '0.3.0', '0.5.0',
  '0.5.3', '0.6.0', '1.0.0', '1.2.0', '1.2.2', '1.2.3', '1.2.4', '1.3.0', '1.5.0', '1.9.9',
  '2.0.0', '2.3.4', '3.0.0', '1.2.3-alpha.1', '1.2.3-beta.2', '1.2.4-beta.1', '2.0.0-0',
  '1.0.0-alpha', '0.0.3-rc.1', '0.5.0-pre', '1.2.0-0']
const partials = ['1', '1.2', '1.2.3', '0', '0.0', '0.0.3', '0.2', '0.2.3', '0.5', 'x', '*',
  'X', '1.x', '1.2.x', '1.x.x', 'x.x.x', '1.X', '1.*', '*.x', '1.x.3', 'x.1', '0.X.1', '*.*.1',
  '1.2.3-beta', '1.2.3-beta.2', '1.2.x-alpha', '1.x.x-alpha', '1.0.x-alpha', '1.2.3+build',
  '1.2+b', '1.2-beta', 'v1.2.3', '=1.2.3', 'v=1.2', '=v1.2', 'vv1.2', '01.2.3', '1.02',
  '1.2.3.4', '1..2', '1.2.', '9007199254740991.0.0', '9007199254740992.0.0', '1.2.3-01',
  '1.2.3-0a', '1.2.3-', '1.2.3+', '1.2.3-a..b', 'a', '1.2.3-x-y.Z', '2', '0.0.x', 'v1',
  '9007199254740991', '1.9007199254740991']
const ops = ['', '=', '<', '<=', '>', '>=', '~', '~>', '^', '=>', '<>', '!', '==', '>==', '^^']
const ranges = new Set()
for (const op of ops) {
  for (const p of partials) {
    ranges.add(op + p)
    ranges.add(op + ' ' + p)
  }
}
const some = ['1', '1.2', '1.2.3', '0.2.3', 'x', '1.x', '1.2.3-beta', '=0.x', '0.*', 'v1.2',
  '1.x.3', '1.2.x-alpha', '^1.2', '~1.2.3', '>=1.2.3', '*']
for (const a of some) {
  for (const b of some) {
    ranges.add(a + ' - ' + b)
    ranges.add(a + ' ' + b)
    ranges.add(a + ' || ' + b)
  }
}
for (const r of ['', ' ', '||', '1.2.3 ||', '|| 1.2.3', '1.2.3 - ', ' - 1.2.3',
  '1.2.3 - 2.3.4 - 5', '  >=  1.2.3   <  2  ', '>= 1.2.3 < 2', '> =1.2.3', '< = 1.2.3',
  '>1.2.3 <1.2.4-0', '<0.0.0-0 || 1.2.3', '<0.0.0-0', '>* || <*', '>=0.0.0', '>=0.0.0 <1',
'~ 1.2', '^ 1.2', '~> 1.2', '1.2.3-beta+exp.sha.5114f85', '^0.0.x', '^0.x',
  '^0.0', '~0', '>1', '>1.2', '<=1', '<=1.2', '<1.x', '>x', '<x', '>=x', '<=x', '=x',
  '1.2.3 1.2.3', '>=1.2.3 >=1.2.3', '* 1.2.3', '1.2.3 *', '<1.0.x-alpha', '=0.x - 0.*',
  '1 - 2 || 3 - 4', '^1.2.3-beta.2', '~1.2.3-beta.2', '>1.2.3-beta', '1.2.3-beta - 1.2.3',
  '>=1.2.3-0', '1.2.3 - 1.2.3', 'x - 1', '1 - x', '1.2.3+b - 2+c', '*-beta', 'x.x.x-beta',
  '~>1', '~v1.2', '^v1.2', '^=1.2', '~=1.2', 'v 1.2.3', '= 1.2.3', '>=v1.2.3', '>=v 1.2.3']) {
  ranges.add(r)
}
for (const r of ranges) {
  let line = r
  try {
    const range = new semver.Range(r)
    const satisfied = []
    PROBES.forEach((v, i) => { if (range.test(v)) satisfied.push(i) })
    line += '\t' + (range.range === '' ? '*' : range.range) + '\t' + satisfied.join(',')
  } catch (e) {
    line += '\tinvalid'
  }
  console.log(line)
}
