#include "type_compatibility.h"

#include <algorithm>
#include <string_view>

namespace perry::linker::typescript {
namespace {

// The members of one of the table's TypeScript types (`number | bigint`), without spaces.
std::vector<std::string> table_members(std::string_view ts_type) {
    std::vector<std::string> members;
    std::string current;
    for (char c : ts_type) {
        if (c == '|') {
            members.push_back(current);
            current.clear();
        } else if (c != ' ') {
            current += c;
        }
    }
    members.push_back(current);
    return members;
}

bool is_promise(std::string_view written) {
    return written.rfind("Promise<", 0) == 0;
}

// Whether the declared member `written` names the same values as the table's member `table`,
// for the purpose of this check. A Buffer is a Uint8Array (Node's Buffer is its subclass, and
// the runtime reads and makes both as the same bytes). `undefined` stands with `null` where
// the table says null (a pointer parameter: both give NULL) and with `void` (a return of
// nothing is undefined). Any `Promise<T>` is the table's `Promise<unknown>`: what it settles
// with is the binding's business.
bool same_values(std::string_view written, std::string_view table) {
    if (written == table)
        return true;
    if (table == "Uint8Array" || table == "Buffer")
        return written == "Uint8Array" || written == "Buffer" || written == "NodeJS.Buffer";
    if (table == "null" || table == "void")
        return written == "undefined" || written == table;
    if (is_promise(table))
        return is_promise(written);
    return false;
}

bool has(const std::vector<std::string>& members, std::string_view name) {
    return std::find(members.begin(), members.end(), name) != members.end();
}

} // namespace

bool parameter_fits(resolver::ParamType manifest, const std::vector<std::string>& members,
                    bool optional) {
    if (has(members, "any"))
        return true;
    const std::vector<std::string> allowed = table_members(resolver::info(manifest).ts_type);
    if (has(allowed, "unknown"))
        return true;
    std::vector<std::string> passed = members;
    if (optional)
        passed.emplace_back("undefined");
    return std::all_of(passed.begin(), passed.end(), [&](const std::string& written) {
        return std::any_of(allowed.begin(), allowed.end(),
                           [&](const std::string& table) { return same_values(written, table); });
    });
}

bool return_fits(resolver::ReturnType manifest, const std::vector<std::string>& members) {
    if (has(members, "any") || has(members, "unknown"))
        return true;
    const std::vector<std::string> produced = table_members(resolver::info(manifest).ts_type);
    if (has(produced, "unknown"))
        return true;
    return std::all_of(produced.begin(), produced.end(), [&](const std::string& table) {
        return std::any_of(members.begin(), members.end(),
                           [&](const std::string& written) { return same_values(written, table); });
    });
}

} // namespace perry::linker::typescript
