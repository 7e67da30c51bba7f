// Validates files against schemas/manifest.schema.json with ajv (JSON Schema 2020-12).
// Usage: node check.cjs <schema.json> <file.json>...
// Prints one line per file: `<file>\tvalid` or `<file>\tinvalid\t<first error>`. A file that is
// not JSON is `invalid` too (the C++ side reports it as a syntax error).
'use strict';
const fs = require('fs');
const Ajv2020 = require('ajv/dist/2020');

const [schemaPath, ...files] = process.argv.slice(2);
const ajv = new Ajv2020({ allErrors: false, strict: true });
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaPath, 'utf8')));
const decoder = new TextDecoder('utf-8', { fatal: true }); // invalid UTF-8 is not JSON

for (const file of files) {
  let doc;
  try {
    doc = JSON.parse(decoder.decode(fs.readFileSync(file)));
  } catch (e) {
    console.log(`${file}\tinvalid\tJSON: ${e.message}`);
    continue;
  }
  if (validate(doc)) {
    console.log(`${file}\tvalid`);
  } else {
    const err = validate.errors[0];
    console.log(`${file}\tinvalid\t${err.instancePath} ${err.message}`);
  }
}
