#include "file_selection.h"

#include "ignore_rules.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

namespace perry::linker::pack {
namespace {

namespace fs = std::filesystem;
using resolver::Diagnostic;

// npm-packlist's rules for every directory (its `defaults`).
const char* const kDefaultRules[] = {
    ".npmignore",
    ".gitignore",
    "**/.git",
    "**/.svn",
    "**/.hg",
    "**/CVS",
    "**/.git/**",
    "**/.svn/**",
    "**/.hg/**",
    "**/CVS/**",
    "/.lock-wscript",
    "/.wafpickle-*",
    "/build/config.gypi",
    "npm-debug.log",
    "**/.npmrc",
    ".*.swp",
    ".DS_Store",
    "**/.DS_Store/**",
    "._*",
    "**/._*/**",
    "*.orig",
    "/archived-packages/**",
};

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> segments;
    std::stringstream in(path);
    for (std::string segment; std::getline(in, segment, '/');) {
        if (!segment.empty() && segment != ".")
            segments.push_back(segment);
    }
    return segments;
}

std::string join(const std::vector<std::string>& segments, std::size_t from, std::size_t to) {
    std::string path;
    for (std::size_t i = from; i < to; ++i)
        path += (path.empty() ? "" : "/") + segments[i];
    return path;
}

bool is_inside(const fs::path& real_root, const fs::path& candidate) {
    std::error_code ec;
    const fs::path real = fs::weakly_canonical(candidate, ec);
    if (ec)
        return false;
    const auto mismatch =
        std::mismatch(real_root.begin(), real_root.end(), real.begin(), real.end());
    return mismatch.first == real_root.end();
}

class Selector {
  public:
    Selector(const fs::path& dir, const std::string& label, const SelectionFields& fields)
        : dir_(dir), label_(label), fields_(fields) {
        std::error_code ec;
        real_root_ = fs::canonical(dir, ec);
        for (const char* line : kDefaultRules)
            defaults_.push_back(*parse_rule(line).rule);
    }

    Selection run() {
        read_package_rules();
        if (!selection_.bad_input)
            walk({});
        std::sort(selection_.files.begin(), selection_.files.end());
        return std::move(selection_);
    }

  private:
    void error(std::string file, std::string pointer, std::string message, std::string fix) {
        selection_.diagnostics.push_back(
            resolver::make_diagnostic(Diagnostic::Severity::Error, std::move(file),
                                      std::move(pointer), std::move(message), std::move(fix)));
        selection_.bad_input = true;
    }
    void warn(std::string message, std::string fix) {
        selection_.diagnostics.push_back(resolver::make_diagnostic(
            Diagnostic::Severity::Warning, label_, "", std::move(message), std::move(fix)));
    }

    // A path of package.json that must stay in the package: relative, no `..`. Returns it
    // without a leading `./`, or nullopt after reporting it.
    std::optional<std::string> contained(const std::string& pointer, const std::string& path) {
        if (path.empty() || path.front() == '/' || path.front() == '\\' ||
            (path.size() > 1 && path[1] == ':')) {
            error(label_, pointer, "`" + resolver::printable(path) + "` is an absolute path",
                  "write it relative to the package directory (`dist`, not `/dist`)");
            return std::nullopt;
        }
        const std::vector<std::string> segments = split_path(path);
        if (std::find(segments.begin(), segments.end(), "..") != segments.end()) {
            error(label_, pointer,
                  "`" + resolver::printable(path) + "` leaves the package directory",
                  "keep every packed path inside the package");
            return std::nullopt;
        }
        std::string plain = path;
        while (plain.rfind("./", 0) == 0)
            plain.erase(0, 2);
        return plain;
    }

    // A named path that is a symlink: out of the package it is refused; inside, npm leaves it
    // out, and so do we, saying so.
    void named_symlink(const std::string& pointer, const std::string& path) {
        if (!is_inside(real_root_, dir_ / path)) {
            error(label_, pointer,
                  "`" + resolver::printable(path) + "` is a symlink to a path outside the package",
                  "copy the file into the package instead of linking to it");
        } else {
            warn("`" + resolver::printable(path) + "`" +
                     (pointer.empty() ? "" : " (" + pointer + ")") +
                     " is a symlink; npm packs no symlinks, so it is left out",
                 "name the file it points to");
        }
    }

    void read_package_rules() {
        std::vector<std::string>
            strict_first; // `files` entries that are files, as npm unshifts them
        std::vector<std::string> package_rules;
        if (fields_.files) {
            package_rules.push_back("*");
            for (std::size_t i = 0; i < fields_.files->size(); ++i) {
                const std::string pointer = "/files/" + std::to_string(i);
                std::string entry = (*fields_.files)[i];
                std::string negations;
                while (!entry.empty() && entry.front() == '!') {
                    negations += '!';
                    entry.erase(0, 1);
                }
                const bool anchored = entry.rfind("./", 0) == 0;
                const std::optional<std::string> plain = contained(pointer, entry);
                if (!plain)
                    continue;
                std::string rule = (anchored ? "/" : "") + *plain;
                if (rule.size() >= 2 && rule.compare(rule.size() - 2, 2, "/*") == 0)
                    rule += "*";
                std::error_code ec;
                const fs::file_status status = fs::symlink_status(dir_ / *plain, ec);
                if (!ec && fs::is_regular_file(status)) {
                    strict_first.insert(strict_first.begin(), "!" + negations + rule);
                    required_.push_back(*plain);
                } else if (!ec && fs::is_directory(status)) {
                    package_rules.push_back("!" + negations + rule);
                    package_rules.push_back("!" + negations + rule + "/**");
                } else if (!ec && fs::is_symlink(status)) {
                    named_symlink(pointer, *plain);
                } else if (!ec && fs::exists(status)) {
                    warn("`" + resolver::printable(*plain) + "` (" + pointer +
                             ") is neither a file nor a directory; npm leaves it out",
                         "remove it from `files`");
                } else {
                    const ParsedRule parsed = parse_rule("!" + negations + rule);
                    if (!parsed.error.empty())
                        error(label_, pointer,
                              "`" + resolver::printable((*fields_.files)[i]) + "`: " + parsed.error,
                              "use `*`, `**`, `?`, `[...]`, `{a,b}` or name the files");
                    else
                        package_rules.push_back("!" + negations + rule);
                }
            }
        }
        std::vector<std::string> strict = strict_first;
        for (const char* line :
             {"/.git", "!/package.json", "!/readme{,.*[^~$]}", "!/copying{,.*[^~$]}",
              "!/license{,.*[^~$]}", "!/licence{,.*[^~$]}", "/.git", "/node_modules", ".npmrc",
              "/package-lock.json", "/yarn.lock", "/pnpm-lock.yaml", "/bun.lockb"}) {
            strict.push_back(line);
        }
        for (const SelectionFields::Required& required : fields_.required) {
            const std::optional<std::string> plain = contained(required.pointer, required.path);
            if (!plain)
                continue;
            std::error_code ec;
            if (fs::is_symlink(fs::symlink_status(dir_ / *plain, ec)))
                named_symlink(required.pointer, *plain);
            strict.push_back("!/" + *plain);
        }
        for (const std::string& line : package_rules)
            package_rules_.push_back(*parse_rule(line).rule);
        for (const std::string& line : strict)
            root_strict_.push_back(*parse_rule(line).rule);
    }

    // The rules of one directory (`segments` from the root), in ignore-walk's order: the
    // defaults, package.json's `files` (root only), `.npmignore` or else `.gitignore` (not at the
    // root when `files` is given), then the strict rules.
    const std::vector<IgnoreRule>& rules_of(const std::vector<std::string>& segments,
                                            std::size_t depth) {
        const std::string key = join(segments, 0, depth);
        auto found = rules_.find(key);
        if (found != rules_.end())
            return found->second;
        std::vector<IgnoreRule> rules = defaults_;
        if (depth == 0)
            rules.insert(rules.end(), package_rules_.begin(), package_rules_.end());
        if (depth > 0 || !fields_.files)
            read_ignore_file(key, rules);
        if (depth == 0) {
            rules.insert(rules.end(), root_strict_.begin(), root_strict_.end());
        } else {
            rules.push_back(*parse_rule("/.git").rule);
            for (const std::string& required : required_) {
                if (required.rfind(key + "/", 0) == 0)
                    rules.push_back(*parse_rule("!" + required.substr(key.size() + 1)).rule);
            }
        }
        return rules_.emplace(key, std::move(rules)).first->second;
    }

    void read_ignore_file(const std::string& dir, std::vector<IgnoreRule>& rules) {
        for (const char* name : {".npmignore", ".gitignore"}) {
            const fs::path file = dir_ / dir / name;
            std::error_code ec;
            if (!fs::is_regular_file(fs::symlink_status(file, ec)))
                continue;
            std::ifstream in(file, std::ios::binary);
            const std::string shown = (dir.empty() ? "" : dir + "/") + name;
            int line_number = 0;
            for (std::string line; std::getline(in, line);) {
                ++line_number;
                const ParsedRule parsed = parse_rule(line);
                if (!parsed.error.empty()) {
                    error(shown + ":" + std::to_string(line_number), "",
                          "`" + resolver::printable(line) + "`: " + parsed.error,
                          "rewrite the pattern with `*`, `**`, `?`, `[...]` or `{a,b}`");
                } else if (parsed.rule) {
                    rules.push_back(*parsed.rule);
                }
            }
            return; // `.npmignore` wins over `.gitignore`
        }
    }

    // ignore-walk's verdict: each directory from the root down judges the path relative to it;
    // once a directory above the entry's own has left it out, it stays out.
    bool included(const std::vector<std::string>& segments, bool is_dir) {
        bool in = true;
        for (std::size_t depth = 0; depth < segments.size(); ++depth) {
            const std::vector<std::string> relative(segments.begin() + depth, segments.end());
            for (const IgnoreRule& rule : rules_of(segments, depth)) {
                if (rule.negate != in && rule_matches(rule, relative, is_dir))
                    in = rule.negate;
            }
            if (!in && depth + 1 < segments.size())
                return false;
        }
        return in;
    }

    void walk(const std::vector<std::string>& dir) {
        std::error_code ec;
        std::vector<std::string> names;
        for (const fs::directory_entry& entry :
             fs::directory_iterator(dir_ / join(dir, 0, dir.size()), ec))
            names.push_back(entry.path().filename().string());
        if (ec) {
            error(label_, "", "cannot list " + join(dir, 0, dir.size()) + ": " + ec.message(), "");
            return;
        }
        std::sort(names.begin(), names.end());
        for (const std::string& name : names) {
            std::vector<std::string> path = dir;
            path.push_back(name);
            const std::string relative = join(path, 0, path.size());
            const fs::file_status status = fs::symlink_status(dir_ / relative, ec);
            if (fs::is_directory(status)) {
                if (included(path, true))
                    walk(path);
                continue;
            }
            if (!included(path, false))
                continue;
            if (name.find('*') != std::string::npos) {
                warn("`" + resolver::printable(relative) +
                         "` is left out: npm packs no name containing `*`",
                     "rename the file");
            } else if (fs::is_symlink(status)) {
                named_symlink("", relative);
            } else if (fs::is_regular_file(status)) {
                selection_.files.push_back(relative);
            } else {
                warn("`" + resolver::printable(relative) +
                         "` is neither a file nor a directory; npm leaves it out",
                     "");
            }
        }
    }

    fs::path dir_;
    fs::path real_root_;
    std::string label_;
    const SelectionFields& fields_;
    std::vector<IgnoreRule> defaults_;
    std::vector<IgnoreRule> package_rules_;
    std::vector<IgnoreRule> root_strict_;
    std::vector<std::string> required_;
    std::map<std::string, std::vector<IgnoreRule>> rules_;
    Selection selection_;
};

} // namespace

Selection select_files(const fs::path& package_dir, const std::string& manifest_label,
                       const SelectionFields& fields) {
    return Selector(package_dir, manifest_label, fields).run();
}

} // namespace perry::linker::pack
