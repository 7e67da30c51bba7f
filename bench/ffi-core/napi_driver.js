// Loads the Node-API peer addon and runs one benchmark; prints ns/op (see run.sh).
'use strict';
const [addonPath, name, iterations] = process.argv.slice(2);
const addon = require(addonPath);
const ns = addon.run(name, Number(iterations));
if (!(ns > 0)) {
  console.error(`unknown benchmark ${name}`);
  process.exit(2);
}
console.log(ns.toFixed(2));
