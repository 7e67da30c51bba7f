// The resolver's guard in front of toml++ 3.3 (resolver/src/toml_guard.h), used for Cargo.toml.
#pragma once

#include "../../../resolver/src/toml_guard.h"
