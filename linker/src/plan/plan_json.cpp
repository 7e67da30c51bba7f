// link_plan_json: the plan and its line for `--dry-run --json` (nlohmann_json stays in here).
#include "perry/linker/link_line.h"

#include <nlohmann/json.hpp>

namespace perry::linker {
namespace {

using nlohmann::json;

std::string_view to_string(LinkItem::Kind kind) {
    switch (kind) {
    case LinkItem::Kind::Object:
        return "object";
    case LinkItem::Kind::Archive:
        return "archive";
    case LinkItem::Kind::LibDir:
        return "lib-dir";
    case LinkItem::Kind::Lib:
        return "lib";
    case LinkItem::Kind::FrameworkDir:
        return "framework-dir";
    case LinkItem::Kind::Framework:
        return "framework";
    case LinkItem::Kind::Flag:
        return "flag";
    }
    return "flag";
}

json diagnostics_json(const std::vector<resolver::Diagnostic>& diagnostics) {
    json list = json::array();
    for (const resolver::Diagnostic& d : diagnostics) {
        list.push_back({{"severity", d.is_error() ? "error" : "warning"},
                        {"file", d.file},
                        {"pointer", d.pointer},
                        {"message", d.message},
                        {"fix", d.fix}});
    }
    return list;
}

json package_json(const PackagePlan& package) {
    json out = {{"name", package.name},
                {"dir", package.dir.string()},
                {"action", to_string(package.action)},
                {"reason", package.reason},
                {"failed", package.failed},
                {"archive", package.archive ? json(package.archive->string()) : json(nullptr)}};
    if (package.action == PackageAction::Build) {
        out["build"] = {{"system", to_string(package.build_system)},
                        {"crate", package.crate_dir.string()},
                        {"lib", package.lib},
                        {"features", package.cargo_features},
                        {"inferred", package.inferred}};
    }
    return out;
}

json line_json(const LinkLine& line) {
    json items = json::array();
    for (const LinkItem& item : line.items) {
        items.push_back(
            {{"kind", to_string(item.kind)}, {"value", item.value}, {"owner", item.owner}});
    }
    return {{"ok", line.ok()},     {"items", items},
            {"argv", line.argv},   {"command", printable_command(line.argv, line.flavor)},
            {"notes", line.notes}, {"diagnostics", diagnostics_json(line.diagnostics)}};
}

} // namespace

std::string link_plan_json(const LinkPlan& plan, const LinkLine* line) {
    json packages = json::array();
    for (const PackagePlan& package : plan.packages)
        packages.push_back(package_json(package));
    json out = {{"target", resolver::target_key_name(plan.target)},
                {"flavor", to_string(plan.flavor)},
                {"ok", plan.ok() && (line == nullptr || line->ok())},
                {"packages", packages},
                {"diagnostics", diagnostics_json(plan.diagnostics)},
                {"link", line ? line_json(*line) : json(nullptr)}};
    return out.dump(2) + "\n";
}

} // namespace perry::linker
