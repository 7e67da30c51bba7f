// describe_link_plan: the `--dry-run` text, one line per decision.
#include "perry/linker/link_line.h"

namespace perry::linker {
namespace {

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const std::string& word : words)
        out += (out.empty() ? "" : ", ") + word;
    return out;
}

std::string describe_package(const PackagePlan& package) {
    if (package.failed)
        return "package " + package.name + ": error: " + package.reason;
    std::string line = "package " + package.name + ": " + std::string(to_string(package.action));
    switch (package.action) {
    case PackageAction::Skipped:
        return line + ": " + package.reason;
    case PackageAction::Prebuilt:
        return line + " " + package.archive->string();
    case PackageAction::Build:
        break;
    }
    line += " with " + std::string(to_string(package.build_system)) + " in " +
            package.crate_dir.string() + ", lib " + package.lib;
    if (!package.cargo_features.empty())
        line += ", features " + join(package.cargo_features);
    if (package.inferred)
        line += " (inferred: the entry names no crate)";
    if (!package.reason.empty())
        line += " (" + package.reason + ")";
    line += package.archive ? ": " + package.archive->string() : ": not built yet";
    return line;
}

} // namespace

std::string describe_link_plan(const LinkPlan& plan, const LinkLine* line) {
    std::string text = "target " + std::string(resolver::target_key_name(plan.target)) + " (" +
                       std::string(to_string(plan.flavor)) + ")\n";
    for (const PackagePlan& package : plan.packages)
        text += describe_package(package) + "\n";
    if (line == nullptr)
        return text;
    for (const std::string& note : line->notes)
        text += "note: " + note + "\n";
    if (!line->argv.empty())
        text += "link: " + printable_command(line->argv, line->flavor) + "\n";
    return text;
}

} // namespace perry::linker
