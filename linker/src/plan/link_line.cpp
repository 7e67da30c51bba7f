// make_link_line: the plan's packages as link items in the documented order, duplicates removed.
#include "perry/linker/link_line.h"

#include "plan/pkg_config.h"
#include "plan/target_table.h"

#include <set>
#include <system_error>
#include <utility>

#if defined(_WIN32)
#include <stdlib.h> // _environ
#else
extern char** environ;
#endif

namespace perry::linker {
namespace {

namespace fs = std::filesystem;
using resolver::Diagnostic;
using Kind = LinkItem::Kind;

std::string key_name(resolver::TargetKey key) {
    return std::string(resolver::target_key_name(key));
}

std::string join(const std::vector<std::string>& words, const char* separator) {
    std::string out;
    for (const std::string& word : words)
        out += (out.empty() ? "" : separator) + word;
    return out;
}

// pkg-config's output as items: the options a linker line knows by meaning, the rest as flags.
std::vector<LinkItem> classify_pkg_config(const std::vector<std::string>& args,
                                          const std::string& owner) {
    std::vector<LinkItem> items;
    for (std::size_t i = 0; i < args.size(); ++i) {
        const std::string& arg = args[i];
        const bool has_next = i + 1 < args.size();
        auto starts = [&](const char* prefix) { return arg.rfind(prefix, 0) == 0; };
        if (arg == "-L" && has_next) {
            items.push_back({Kind::LibDir, args[++i], owner});
        } else if (starts("-L") && arg.size() > 2) {
            items.push_back({Kind::LibDir, arg.substr(2), owner});
        } else if (starts("-l") && arg.size() > 2) {
            items.push_back({Kind::Lib, arg.substr(2), owner});
        } else if (arg == "-framework" && has_next) {
            items.push_back({Kind::Framework, args[++i], owner});
        } else if (arg == "-F" && has_next) {
            items.push_back({Kind::FrameworkDir, args[++i], owner});
        } else if (starts("-F") && arg.size() > 2) {
            items.push_back({Kind::FrameworkDir, arg.substr(2), owner});
        } else {
            items.push_back({Kind::Flag, arg, owner});
        }
    }
    return items;
}

// Static archives are searched once, left to right: a library must follow everything that uses
// it. So a library, archive or framework named twice keeps its LAST place (every user of the
// first place also precedes the last). A search directory keeps its FIRST place (the first
// directory holding a name wins, so the earliest request decides). Objects keep their first
// place. Other flags are never removed: their position can matter (-Wl,--whole-archive ...).
std::vector<LinkItem> without_duplicates(const std::vector<LinkItem>& items) {
    auto keeps_last = [](Kind kind) {
        return kind == Kind::Lib || kind == Kind::Archive || kind == Kind::Framework;
    };
    std::vector<bool> keep(items.size(), true);
    std::set<std::pair<Kind, std::string>> seen;
    for (std::size_t i = items.size(); i-- > 0;) {
        if (!keeps_last(items[i].kind))
            continue;
        keep[i] = seen.insert({items[i].kind, items[i].value}).second;
    }
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (keeps_last(items[i].kind) || items[i].kind == Kind::Flag)
            continue;
        keep[i] = seen.insert({items[i].kind, items[i].value}).second;
    }
    std::vector<LinkItem> kept;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (keep[i])
            kept.push_back(items[i]);
    }
    return kept;
}

class LineBuilder {
  public:
    LineBuilder(const LinkPlan& plan, const LinkLineOptions& options, LinkLine& line)
        : plan_(plan), options_(options), line_(line), apple_(detail::is_apple(plan.target)) {}

    void build() {
        for (const std::string& object : options_.objects)
            add(Kind::Object, object, kObjectsOwner);
        for (const PackagePlan& package : plan_.packages)
            add_archive(package);
        if (!options_.runtime_archive.empty()) {
            add(Kind::Archive, options_.runtime_archive, kRuntimeOwner);
        }
        for (const PackagePlan& package : plan_.packages) {
            if (package.action != PackageAction::Skipped && package.entry) {
                add_dependencies(package, *package.entry);
            }
        }
        for (std::string_view lib : detail::target_linking(plan_.target).runtime_system_libs) {
            add(Kind::Lib, std::string(lib), kSystemOwner);
        }
        line_.items = without_duplicates(items_);
    }

  private:
    void add(Kind kind, std::string value, std::string owner) {
        // `ssl.lib` in libs and `-lssl` from pkg-config are one library for link.exe: one name,
        // so the duplicate rule sees them as one (rendering adds `.lib` back).
        const std::string suffix = ".lib";
        if (kind == Kind::Lib && plan_.flavor == LinkFlavor::Msvc && value.size() > suffix.size() &&
            value.compare(value.size() - suffix.size(), suffix.size(), suffix) == 0) {
            value.resize(value.size() - suffix.size());
        }
        items_.push_back({kind, std::move(value), std::move(owner)});
    }

    void report(Diagnostic::Severity severity, const PackagePlan& package, std::string field,
                std::string message, std::string fix) {
        std::string pointer = "/perry/nativeLibrary/targets/" + key_name(plan_.target);
        if (!field.empty())
            pointer += "/" + field;
        line_.diagnostics.push_back(resolver::make_diagnostic(severity, package.manifest_file,
                                                              std::move(pointer),
                                                              std::move(message), std::move(fix)));
    }

    void add_archive(const PackagePlan& package) {
        if (package.action == PackageAction::Skipped)
            return;
        if (package.archive) {
            add(Kind::Archive, package.archive->string(), package.name);
            return;
        }
        report(Diagnostic::Severity::Error, package, "",
               "package `" + package.name + "` has no archive yet: it is to be built from " +
                   package.crate_dir.string(),
               "build the plan's `build` entries before making the link line");
    }

    void add_dependencies(const PackagePlan& package, const resolver::Target& entry) {
        for (const resolver::PackagePath& dir : entry.lib_dirs) {
            add(Kind::LibDir, dir.resolved, package.name);
        }
        for (const std::string& lib : entry.libs)
            add(Kind::Lib, lib, package.name);
        if (!entry.pkg_config.empty())
            add_pkg_config(package, entry.pkg_config);
        if (!apple_) {
            std::vector<std::string> ignored = entry.frameworks;
            ignored.insert(ignored.end(), entry.optional_frameworks.begin(),
                           entry.optional_frameworks.end());
            if (!ignored.empty()) {
                report(Diagnostic::Severity::Warning, package, "",
                       "package `" + package.name + "`: frameworks are Apple-only; " +
                           join(ignored, ", ") + " not linked for `" + key_name(plan_.target) + "`",
                       "move `frameworks` and `optionalFrameworks` to the Apple targets' entries");
            }
            return;
        }
        for (const std::string& framework : entry.frameworks) {
            add(Kind::Framework, framework, package.name);
        }
        if (!entry.optional_frameworks.empty())
            add_optional_frameworks(package, entry);
    }

    void add_pkg_config(const PackagePlan& package, const std::vector<std::string>& names) {
        const detail::PkgConfigLibs libs =
            detail::pkg_config_libs(options_.pkg_config, names, options_.environment);
        if (!libs.ok()) {
            report(Diagnostic::Severity::Error, package, "pkgConfig",
                   "package `" + package.name + "`: " + libs.error,
                   "install the development files that provide " + join(names, ", ") +
                       " (their .pc files), or add their directory to PKG_CONFIG_PATH");
            return;
        }
        for (LinkItem& item : classify_pkg_config(libs.args, package.name)) {
            if (item.kind == Kind::Flag && plan_.flavor == LinkFlavor::Msvc) {
                report(Diagnostic::Severity::Warning, package, "pkgConfig",
                       "package `" + package.name + "`: pkg-config gave `" + item.value +
                           "`, which has no link.exe equivalent; left out",
                       "check that the .pc files are meant for MSVC");
                continue;
            }
            add(item.kind, std::move(item.value), std::move(item.owner));
        }
    }

    // Spec v1: -F <dir> and the frameworks only when frameworksEnv names an existing directory.
    // Either way the line says what happened, so a missing SDK is not a mystery at link time.
    void add_optional_frameworks(const PackagePlan& package, const resolver::Target& entry) {
        const std::string names = join(entry.optional_frameworks, ", ");
        const std::string subject = "optional frameworks " + names + " of `" + package.name + "`";
        if (!entry.frameworks_env) {
            report(Diagnostic::Severity::Warning, package, "optionalFrameworks",
                   subject + " not linked: the entry has no `frameworksEnv`",
                   "add \"frameworksEnv\": the name of the variable that holds their directory");
            return;
        }
        const std::string& variable = *entry.frameworks_env;
        const auto found = options_.environment.find(variable);
        if (found == options_.environment.end() || found->second.empty()) {
            line_.notes.push_back(subject + " not linked: $" + variable + " is not set");
            return;
        }
        std::error_code ec;
        if (!fs::is_directory(found->second, ec)) {
            report(Diagnostic::Severity::Warning, package, "frameworksEnv",
                   subject + " not linked: $" + variable + "=" + found->second +
                       " is not a directory",
                   "point $" + variable + " at the directory holding " + names);
            return;
        }
        line_.notes.push_back(subject + " linked from $" + variable + "=" + found->second);
        add(Kind::FrameworkDir, found->second, package.name);
        for (const std::string& framework : entry.optional_frameworks) {
            add(Kind::Framework, framework, package.name);
        }
    }

    const LinkPlan& plan_;
    const LinkLineOptions& options_;
    LinkLine& line_;
    const bool apple_;
    std::vector<LinkItem> items_;
};

} // namespace

Environment current_environment() {
    Environment environment;
#if defined(_WIN32)
    char** entries = _environ;
#else
    char** entries = environ;
#endif
    for (char** entry = entries; entry != nullptr && *entry != nullptr; ++entry) {
        const std::string text(*entry);
        const std::size_t equals = text.find('=');
        if (equals == std::string::npos || equals == 0)
            continue;
        environment.emplace(text.substr(0, equals), text.substr(equals + 1));
    }
    return environment;
}

LinkLine make_link_line(const LinkPlan& plan, const LinkLineOptions& options) {
    LinkLine line;
    line.target = plan.target;
    line.flavor = plan.flavor;
    if (plan.flavor == LinkFlavor::None) {
        line.notes.push_back("target `" + key_name(plan.target) +
                             "` has no native link line: its bindings are WebAssembly modules "
                             "(the archives above), loaded by the web runtime");
        return line;
    }
    LineBuilder(plan, options, line).build();
    // A plan with errors lacks packages: its items show what was found, but there is no command.
    if (!plan.ok() || !line.ok())
        return line;

    const bool msvc = plan.flavor == LinkFlavor::Msvc;
    line.argv.push_back(!options.driver.empty() ? options.driver : msvc ? "link.exe" : "cc");
    line.argv.insert(line.argv.end(), options.driver_flags.begin(), options.driver_flags.end());
    if (!options.output.empty()) {
        if (msvc) {
            line.argv.push_back("/OUT:" + options.output);
        } else {
            line.argv.push_back("-o");
            line.argv.push_back(options.output);
        }
    }
    const std::vector<std::string> rendered = render_items(line.items, plan.flavor);
    line.argv.insert(line.argv.end(), rendered.begin(), rendered.end());
    return line;
}

} // namespace perry::linker
