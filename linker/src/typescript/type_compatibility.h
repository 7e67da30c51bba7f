// Whether a TypeScript type written in a package's declarations fits the manifest type of the
// same parameter or return, by the type table's TypeScript column. The rules, and the spellings
// each table entry accepts, are in docs/linker/typescript.md.
#pragma once

#include "perry/resolver/types.h"

#include <string>
#include <vector>

namespace perry::linker::typescript {

// A parameter: every value the declaration lets a caller pass must be one the call accepts, so
// each member of the declared union (and `undefined` for an optional parameter) must be among
// the spellings the table allows. `any` fits everything.
bool parameter_fits(resolver::ParamType manifest, const std::vector<std::string>& members,
                    bool optional);

// A return: every value the native function can return must be one the declaration admits, so
// each member of the table's type must appear in the declared union. `any` and `unknown` admit
// everything; so does the table's `unknown` (jsvalue: the binding decides).
bool return_fits(resolver::ReturnType manifest, const std::vector<std::string>& members);

} // namespace perry::linker::typescript
