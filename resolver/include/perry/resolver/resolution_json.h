// The JSON form of resolutions and of the well-known table: what `perry native resolve --json`
// and `perry native list --json` print, and what a build driver reads. Field list:
// docs/cli/resolve.md and docs/cli/list.md.
#pragma once

#include "perry/resolver/resolve.h"
#include "perry/resolver/well_known.h"

#include <string>
#include <vector>

namespace perry::resolver {

// An array with one object per resolution, indented by two spaces, ending in a newline.
std::string resolutions_to_json(const std::vector<Resolution>& resolutions);

// {"table": <file>, "order": [...], "bindings": [...]}, indented, ending in a newline.
std::string well_known_to_json(const WellKnownTable& table);

// The four layers of resolution, in order, one sentence each (for `list` and the docs).
const std::vector<std::string>& resolution_order();

} // namespace perry::resolver
