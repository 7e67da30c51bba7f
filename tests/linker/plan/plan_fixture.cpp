#include "plan_fixture.h"

#include "perry/resolver/manifest.h"

namespace perry::linker::test {

namespace fs = std::filesystem;

PlanPackage write_package(const fs::path& root, const std::string& dir, const std::string& json) {
    const fs::path package_dir = root / dir;
    write_file((package_dir / "package.json").string(), json);
    PlanPackage package;
    package.dir = package_dir;
    package.manifest = resolver::parse_manifest_file(package_dir / "package.json");
    package.name = package.manifest.name.value_or(dir);
    return package;
}

std::string scrubbed(std::string text, const fs::path& tmp) {
    const std::string needle = tmp.string();
    for (std::size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at)) {
        text.replace(at, needle.size(), "$TMP");
    }
    return text;
}

void pretend_built(LinkPlan& plan, const fs::path& root) {
    for (PackagePlan* entry : plan.to_build()) {
        const std::string file =
            plan.flavor == LinkFlavor::Msvc ? entry->lib + ".lib" : "lib" + entry->lib + ".a";
        entry->archive = root / "cache" / file;
    }
}

std::string golden_text(const LinkPlan& plan, const LinkLine* line, const fs::path& tmp) {
    std::string text = describe_link_plan(plan, line);
    for (const resolver::Diagnostic& d : plan.diagnostics)
        text += d.format() + "\n";
    if (line != nullptr) {
        for (const resolver::Diagnostic& d : line->diagnostics)
            text += d.format() + "\n";
    }
    const bool ok = plan.ok() && (line == nullptr || line->ok());
    text += ok ? "ok\n" : "failed\n";
    return scrubbed(text, tmp);
}

fs::path golden_file(const std::string& name) {
    return fs::path(PERRY_PLAN_GOLDEN_DIR) / (name + ".txt");
}

} // namespace perry::linker::test
