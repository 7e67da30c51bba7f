// XXX: temporary until the manifest model lands; replaced by the adapter over manifest.h.
#include "perry/resolver/native_details.h"

namespace perry::resolver {

NativeDetails read_native_details(const std::string&, std::string_view, const std::string&) {
    return {};
}

} // namespace perry::resolver
