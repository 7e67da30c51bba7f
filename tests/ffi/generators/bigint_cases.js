// Prints the expectation table of tests/ffi/bigint_test.cpp from node's own BigInt(), so every
// parsing rule the test checks is JavaScript's answer, not ours. Run: node bigint_cases.js
// and paste the output over the kParseCases table of tests/ffi/bigint_test.cpp (it is kept
// inline there so the cases read beside the test). The test never needs node at run time.
'use strict';

const inputs = [
  '', ' ', '\t\n\v\f\r \u00a0\u1680\u2000\u200a\u2028\u2029\u202f\u205f\u3000\ufeff',
  '0', '-0', '+0', '00012', '123', '-123', '+123', '  42  ', '\n-7\t', '\u00a0 9 \u3000',
  '18446744073709551615', '18446744073709551616', '-9223372036854775808',
  '340282366920938463463374607431768211457', '-99999999999999999999999999999999999999999',
  '0x0', '0xff', '0XFF', '0xDeadBeef', '0x10000000000000000', '0o17', '0O777', '0b101', '0B1',
  '0x000000000000000000000000001', '0b' + '1'.repeat(130), '0o' + '7'.repeat(50),
  '-0x1', '+0x1', '0x', '0o', '0b', '0x-1', '0b2', '0o8', '0xg',
  '1_000', '1n', '1.5', '1.', '.5', '1e3', '-', '+', '--1', '+-1', '- 1', '1 2', 'abc',
  '\u180e1', '1\u180e', '\u200b1', '0x 1', ' 0b11 ', '\u00851', 'Infinity', '\u0000',
];

const { cppText } = require('./cpp_literal.js');

for (const input of inputs) {
  let expected;
  try {
    expected = '"' + BigInt(input).toString() + '"';
  } catch (e) {
    if (!(e instanceof SyntaxError)) throw e;
    expected = 'kSyntaxError';
  }
  console.log(`    {${cppText(input)}, ${expected}},`);
}
