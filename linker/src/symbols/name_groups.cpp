#include "name_groups.h"

#include <algorithm>
#include <functional>

namespace perry::linker::detail {

NameGroups::NameGroups(std::vector<std::string_view> names) : names_(std::move(names)) {
    const std::hash<std::string_view> hash;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> keyed(names_.size());
    for (std::size_t i = 0; i < names_.size(); ++i) {
        keyed[i] = {hash(names_[i]), static_cast<std::uint32_t>(i)};
    }
    std::sort(keyed.begin(), keyed.end());
    // Equal hashes are nearly always equal names; a collision is split by the names themselves.
    for (std::size_t run = 0; run < keyed.size();) {
        std::size_t end = run + 1;
        while (end < keyed.size() && keyed[end].first == keyed[run].first) ++end;
        if (end - run > 2) {
            std::sort(keyed.begin() + static_cast<std::ptrdiff_t>(run),
                      keyed.begin() + static_cast<std::ptrdiff_t>(end),
                      [this](const auto& a, const auto& b) {
                          const int c = names_[a.second].compare(names_[b.second]);
                          return c != 0 ? c < 0 : a.second < b.second;
                      });
        } else if (end - run == 2 && names_[keyed[run].second] > names_[keyed[run + 1].second]) {
            std::swap(keyed[run], keyed[run + 1]);
        }
        run = end;
    }
    hashes_.resize(keyed.size());
    order_.resize(keyed.size());
    group_of_.resize(keyed.size());
    starts_.reserve(keyed.size() + 1);
    for (std::size_t k = 0; k < keyed.size(); ++k) {
        hashes_[k] = keyed[k].first;
        order_[k] = keyed[k].second;
        if (k == 0 || hashes_[k] != hashes_[k - 1] ||
            names_[order_[k]] != names_[order_[k - 1]]) {
            starts_.push_back(static_cast<std::uint32_t>(k));
        }
        group_of_[order_[k]] = static_cast<std::uint32_t>(starts_.size() - 1);
    }
    starts_.push_back(static_cast<std::uint32_t>(keyed.size()));
}

std::uint32_t NameGroups::find(std::string_view name) const {
    const std::uint64_t h = std::hash<std::string_view>()(name);
    for (auto k = static_cast<std::size_t>(
             std::lower_bound(hashes_.begin(), hashes_.end(), h) - hashes_.begin());
         k < hashes_.size() && hashes_[k] == h; ++k) {
        if (names_[order_[k]] == name) return group_of_[order_[k]];
    }
    return kNone;
}

} // namespace perry::linker::detail
