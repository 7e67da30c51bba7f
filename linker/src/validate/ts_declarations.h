// validate's check of the package's TypeScript declarations against its manifest: which file
// declares the package's functions, and whether each declaration matches the manifest's entry.
#pragma once

#include "perry/linker/validate.h"

namespace perry::linker::detail {

// Finds the declarations (`types`, else `typings`, else a TypeScript `main`, else
// src/index.ts), reads them and compares them with the manifest's functions: every function
// declared, nothing declared under a binding prefix that the manifest lacks, the same arity,
// compatible types. Fills report.typescript, adds one diagnostic per mismatch, and marks the
// report unreadable for a file that cannot be read or parsed.
void check_typescript_declarations(const resolver::ManifestResult& manifest,
                                   ValidationReport& report);

} // namespace perry::linker::detail
