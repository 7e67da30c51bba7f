// Drives the Node-API peer of `settle`: prints ns per promise settled from 8 threads.
const addon = require(process.argv[2]);
const count = Number(process.argv[3] || 400000);
(async () => {
  const start = process.hrtime.bigint();
  await addon.run(count);
  const ns = Number(process.hrtime.bigint() - start) / count;
  console.log(ns.toFixed(2));
})();
