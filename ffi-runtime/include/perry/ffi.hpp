// perry/ffi.hpp: the header-only C++ layer over perry/ffi.h.
//
// Thin and inline: every function calls the C ABI and checks it the same way, so this header
// never changes the ABI. Names follow the original Rust API (alloc_string, read_string,
// register_handle<T>, ...). Failures surface as perry::Error exceptions thrown on the C++ side;
// a binding body wrapped in perry::guard() turns any escaping exception into a thrown JavaScript
// error, so no exception ever crosses the extern "C" boundary. The runtime's own sources never
// include this header.
#pragma once

#include "perry/ffi.h"

#include "perry/cpp/bigint.hpp"
#include "perry/cpp/buffer.hpp"
#include "perry/cpp/closures.hpp"
#include "perry/cpp/collections.hpp"
#include "perry/cpp/emitter.hpp"
#include "perry/cpp/errors.hpp"
#include "perry/cpp/gc.hpp"
#include "perry/cpp/handles.hpp"
#include "perry/cpp/json.hpp"
#include "perry/cpp/promises.hpp"
#include "perry/cpp/strings.hpp"
#include "perry/cpp/values.hpp"
#include "perry/cpp/work.hpp"
