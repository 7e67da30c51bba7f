// The peer: node's require.resolve of the same `<from>\t<specifier>` lines in one process, timed
// the same way (the loop only). Prints wall and CPU (user + system, all threads) time in ms, then `<specifier>\t<resolved file>` lines.
'use strict';
const fs = require('fs');
const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n').filter(Boolean);
const work = lines.map((line) => line.split('\t'));
const results = new Array(work.length);
const cpuStart = process.cpuUsage();
const start = process.hrtime.bigint();
for (let i = 0; i < work.length; i++) {
  const [from, specifier] = work[i];
  results[i] = require.resolve(specifier, { paths: [from] });
}
const stop = process.hrtime.bigint();
const cpu = process.cpuUsage(cpuStart);
let out = (Number(stop - start) / 1e6).toFixed(3) + ' ' + ((cpu.user + cpu.system) / 1e3).toFixed(3) + '\n';
for (let i = 0; i < work.length; i++) out += work[i][1] + '\t' + results[i] + '\n';
process.stdout.write(out);
