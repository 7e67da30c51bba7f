// C++ string_view literals of exact bytes, shared by the expectation generators: printable
// ASCII stays readable; everything else is a hex escape, with `""` splitting the literal only
// where the escape would otherwise swallow the next character.
'use strict';

function cppBytes(bytes) {
  let out = '';
  let afterEscape = false;
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    const simple = { 0x22: '\\"', 0x5c: '\\\\', 0x0a: '\\n', 0x09: '\\t' }[b];
    if (simple !== undefined) {
      out += simple;
      afterEscape = false;
    } else if (b >= 0x20 && b < 0x7f && c !== '?') {
      out += (afterEscape && /[0-9a-fA-F]/.test(c) ? '""' : '') + c;
      afterEscape = false;
    } else {
      out += '\\x' + b.toString(16).padStart(2, '0');
      afterEscape = true;
    }
  }
  return '"' + out + '"sv';
}

// The UTF-8 bytes of a JS string (well-formed strings only).
const cppText = (s) => cppBytes(Buffer.from(s, 'utf8'));

module.exports = { cppBytes, cppText };
