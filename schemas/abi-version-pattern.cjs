// Builds the `abiVersion` pattern of manifest.schema.json: node-semver 7's range grammar (not its
// loose mode), as the resolver reads it (resolver/src/semver_range.cpp, docs/resolver/semver.md).
//   node abi-version-pattern.cjs           prints the pattern
//   node abi-version-pattern.cjs --write   writes it into manifest.schema.json beside this file
//
// node-semver does not parse a grammar: it rewrites the text with a chain of regular expressions
// (hyphen ranges, then the space after an operator, `~ ` and `^ `, then each word's carets,
// tildes and x-ranges) and reads what is left as comparators. The pattern states the outcome of
// that chain, form by form:
// - a hyphen range `A - B` (the whole alternative);
// - otherwise words: `^` and `~` ranges, x-ranges and partial versions, full versions;
// - the prefixes each form admits: a full version keeps its operator and at most one `v`; an
//   x-range, a caret or a tilde admits any run of `v` and `=` (node drops them); one space may
//   follow an operator, `~`, `~>` or `^`;
// - numbers: at most 2^53 - 1, and at most 2^53 - 2 where node adds one to them (the upper bound
//   of `^1.2.3`, `~1.2`, `1.x`, `>1.2`, `<=1.x` and the end of a hyphen range), which it refuses
//   past 2^53 - 1; a number after a wildcard is not read, so not bounded;
// - build metadata (`+...`) after any version: node strips it first.
// docs/resolver/manifest.md lists what the pattern does not follow.
'use strict';
const fs = require('fs');
const path = require('path');

const MAX = '9007199254740991'; // Number.MAX_SAFE_INTEGER
const MAX_LESS_ONE = '9007199254740990';

const WS = '[ \\t\\n\\r\\f\\v]';
const S = `${WS}+`; // one space after node collapses the whitespace
const OS = `${WS}*`;
const VS_SPACED = '[v= \\t\\n\\r\\f\\v]*'; // node's `[v=\s]*` before the ends of a hyphen range
const alt = (...parts) => `(?:${parts.join('|')})`;

// A decimal without leading zeros, at most `limit`; `nonZero` leaves out `0`.
function numberAtMost(limit, nonZero = false) {
  const forms = [];
  if (!nonZero) forms.push('0');
  forms.push(`[1-9][0-9]{0,${limit.length - 2}}`);
  for (let i = 0; i < limit.length; i++) {
    const digit = +limit[i];
    const low = i === 0 ? 1 : 0;
    if (digit > low) {
      const range = digit - 1 === low ? `${low}` : `[${low}-${digit - 1}]`;
      const rest = limit.length - i - 1;
      forms.push(limit.slice(0, i) + range + (rest ? `[0-9]{${rest}}` : ''));
    }
  }
  forms.push(limit);
  return alt(...forms);
}
const NUM = '(?:0|[1-9][0-9]*)'; // a number node does not read
const MAXN = numberAtMost(MAX);
const INCN = numberAtMost(MAX_LESS_ONE); // node adds one to it
const INCN_NZ = numberAtMost(MAX_LESS_ONE, true);
const X = '[xX*]';
const IDENT = '(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)';
const PRE = `(?:-${IDENT}(?:\\.${IDENT})*)`;
const BUILD = '(?:\\+[0-9A-Za-z-]+(?:\\.[0-9A-Za-z-]+)*)';

// Versions by where their first wildcard is (a missing part is a wildcard), each with the classes
// of the numbers before it, which node reads; a number after a wildcard is not read. A prerelease
// needs three parts; node ignores one after a wildcard.
const XID = `(?:${X}|${NUM})`;
const TAIL3 = `${PRE}?`;
function version(read, firstWildcard) {
  switch (firstWildcard) {
    case 0: return `${X}(?:\\.${XID}(?:\\.${XID}${TAIL3})?)?`;
    case 1: return `${read[0]}(?:\\.${X}(?:\\.${XID}${TAIL3})?)?`;
    case 2: return `${read[0]}\\.${read[1]}(?:\\.${X}${TAIL3})?`;
    default: return `${read[0]}\\.${read[1]}\\.${read[2]}${TAIL3}`;
  }
}
// `read(k)` lists the number classes for a first wildcard at k (0..3); each list is one form.
const versions = read => `${alt(...[0, 1, 2, 3].flatMap(k => read(k).map(r => version(r, k))))}${BUILD}?`;

// x-ranges: node requires numbers before wildcards (`1.x.3` is refused) and a wildcard part
// after a wildcard; `inc` when the bound adds one to the last number.
function xRangeBodies(inc) {
  const last = inc ? INCN : MAXN;
  return `${alt(
    `${X}(?:\\.${X}(?:\\.${X}${TAIL3})?)?`,
    `${last}(?:\\.${X}(?:\\.${X}${TAIL3})?)?`,
    `${MAXN}\\.${last}(?:\\.${X}${TAIL3})?`)}${BUILD}?`;
}
const FULL = `${MAXN}\\.${MAXN}\\.${MAXN}${PRE}?${BUILD}?`;

// `^`: >=M.m.p <(M+1).0.0-0, or <0.(m+1).0-0 when M is 0, or <0.0.(p+1)-0 when M and m are.
const CARET_BODY = versions(k => [
  [[]], [[INCN]], [['0', INCN], [INCN_NZ, MAXN]],
  [['0', '0', INCN], ['0', INCN_NZ, MAXN], [INCN_NZ, MAXN, MAXN]]][k]);
// `~`: >=M.m.p <M.(m+1).0-0, or <(M+1).0.0-0 when m is a wildcard.
const TILDE_BODY = versions(k => [[[]], [[INCN]], [[MAXN, INCN]], [[MAXN, INCN, MAXN]]][k]);

// Words. Operators: node's `(<|>)?=?` takes `=` greedily, so `< =1.x` is `<=`.
const VS = '[v=]*';
const FULL_WORD = `${alt(`${alt('[<>]=?', '=')}${S}`, '[<>]=?', '=', `[<>]${S}=`)}?v?${FULL}`;
// x-ranges whose bound adds one (no operator, `=`, `>`, `<=`) and those that do not (`<`, `>=`).
const X_WORD = alt(
  `${alt(`${alt(`=${OS}`, `<${alt(`=${OS}`, `${OS}=`)}`)}?${VS}`,
    `>(?:${OS}(?=[v0-9xX*]))?(?:v${VS})?`)}${xRangeBodies(true)}`,
  `${alt(`>${alt(`=${OS}`, `${OS}=`)}${VS}`,
    `<(?:${OS}(?=[v0-9xX*]))?(?:v${VS})?`)}${xRangeBodies(false)}`);
const CARET_WORD = `\\^${OS}(?:=${OS})?${VS}${CARET_BODY}`;
// After `~> ` (a space), node reads `= 1.2` as `>= 1.2`: two words, refused; `~ = 1.2` is `~=1.2`.
const TILDE_WORD = `~${alt(`${S}(?:${alt('>=?', '=')}${OS})?`, `>${S}(?:>=?${OS})?`,
  `>?(?:=${OS})?`)}${VS}${TILDE_BODY}`;
const WORD = alt(FULL_WORD, X_WORD, CARET_WORD, TILDE_WORD);
// Words separated by whitespace (written once: each word ends at whitespace, `||` or the end).
const SET = `(?:${WORD}(?:${S}|(?=\\|\\||$)))+`;

// `A - B`: A is >=A (a full A keeps its text, so at most a `v` before it); B is <=B for a full B
// without a prerelease (the same), else a bound node writes itself.
const HYPHEN_FROM = alt(`v?${FULL}`, `${VS_SPACED}${versions(k => [
  [[]], [[MAXN]], [[MAXN, MAXN]], []][k])}`);
const HYPHEN_TO = alt(
  `(?:v?|${VS_SPACED}(?=[0-9]+\\.[0-9]+\\.[0-9]+-))${FULL}`,
  `${VS_SPACED}${versions(k => [[[]], [[INCN]], [[MAXN, INCN]], []][k])}`);
const HYPHEN = `${HYPHEN_FROM}${S}-${S}${HYPHEN_TO}`;

const ALTERNATIVE = alt(HYPHEN, SET);
// Alternatives separated by `||`, any of them empty; one pass, each ends at `||` or at the end.
const PATTERN = `^(?![\\s\\S]{1025})(?:${OS}(?:${ALTERNATIVE})?${OS}(?:\\|\\||(?=$)))*$`;

if (require.main === module) {
  if (process.argv[2] === '--write') {
    const schemaPath = path.join(__dirname, 'manifest.schema.json');
    const schema = JSON.parse(fs.readFileSync(schemaPath, 'utf8'));
    schema.$defs.abiVersion.pattern = PATTERN;
    fs.writeFileSync(schemaPath, JSON.stringify(schema, null, 2) + '\n');
  } else {
    console.log(PATTERN);
  }
}
module.exports = { PATTERN };
