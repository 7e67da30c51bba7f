// `perry native init`: checks the options, fills the placeholders, renders the templates of the
// chosen language (over the shared `common/` ones) and hands the files to write_files.
#include "perry/linker/scaffold.h"

#include "perry/resolver/abi_version.h"
#include "scaffold_inputs.h"
#include "template_render.h"
#include "write_files.h"

#include <algorithm>
#include <ctime>
#include <fstream>
#include <map>
#include <sstream>

namespace perry::linker {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kLanguageNames[] = {"cpp", "c", "rust"};

std::optional<std::string> read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    if (in.bad())
        return std::nullopt;
    return text.str();
}

int current_year() {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    return parts.tm_year + 1900;
}

// The template files of `language`: relative path -> file, `common/` first so that a language's
// own file of the same name replaces the shared one.
std::map<std::string, fs::path> template_files(const fs::path& templates, std::string_view language,
                                               std::vector<ScaffoldProblem>& errors) {
    std::map<std::string, fs::path> files;
    std::error_code ec;
    if (!fs::is_directory(templates, ec)) {
        errors.push_back({"templates not found: " + templates.string() + " is not a directory",
                          "reinstall perry (the templates install under "
                          "<prefix>/share/perry/templates beside <prefix>/bin/perry)"});
        return files;
    }
    for (const fs::path& root : {templates / "common", templates / std::string(language)}) {
        if (!fs::is_directory(root, ec)) {
            errors.push_back({"templates not found: " + root.string() + " is not a directory",
                              "reinstall perry: its templates lack this directory"});
            continue;
        }
        for (auto it = fs::recursive_directory_iterator(root, ec);
             !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
            if (it->is_regular_file(ec)) {
                files[it->path().lexically_relative(root).generic_string()] = it->path();
            }
        }
        if (ec) {
            errors.push_back({"cannot list templates in " + root.string() + ": " + ec.message(),
                              "check the installation's permissions"});
        }
    }
    return files;
}

} // namespace

std::optional<ScaffoldLanguage> find_scaffold_language(std::string_view name) {
    for (std::size_t i = 0; i < std::size(kLanguageNames); ++i) {
        if (kLanguageNames[i] == name)
            return static_cast<ScaffoldLanguage>(i);
    }
    return std::nullopt;
}

std::string_view scaffold_language_name(ScaffoldLanguage language) {
    return kLanguageNames[static_cast<std::size_t>(language)];
}

fs::path share_dir_for(const fs::path& executable) {
    return executable.parent_path().parent_path() / "share" / "perry";
}

std::vector<RenderedFile> render_scaffold(const ScaffoldOptions& options, ScaffoldResult& result) {
    result.package = options.name;
    result.language = std::string(scaffold_language_name(options.language));
    std::error_code ec;
    const fs::path dir = options.dir.empty() ? fs::path(unscoped_name(options.name)) : options.dir;
    result.dir = fs::absolute(dir, ec).lexically_normal();

    detail::ScaffoldValues values;
    const resolver::Version& runtime = resolver::runtime_version();
    values.perry_version = std::to_string(runtime.major) + "." + std::to_string(runtime.minor) +
                           "." + std::to_string(runtime.patch);
    values.abi_version = options.abi_version.empty()
                             ? std::to_string(runtime.major) + "." + std::to_string(runtime.minor)
                             : options.abi_version;
    values.year = options.year != 0 ? options.year : current_year();
    if (!detail::check_inputs(options, values, result))
        return {};
    result.symbol_prefix = values.symbol_prefix;
    result.hello_symbol = values.symbol_prefix + "hello";
    result.lib = values.lib;

    const fs::path templates = options.share_dir / "templates";
    const std::map<std::string, fs::path> sources =
        template_files(templates, result.language, result.errors);
    if (!result.errors.empty())
        return {};
    const detail::Placeholders placeholders = detail::placeholders_for(options, values);

    std::vector<RenderedFile> files;
    for (const auto& [relative, source] : sources) {
        const std::optional<std::string> text = read_text(source);
        if (!text) {
            result.errors.push_back({"cannot read template " + source.string(),
                                     "reinstall perry, or check the file's permissions"});
            continue;
        }
        detail::RenderFailure failure;
        std::optional<std::string> rendered = detail::render_template(*text, placeholders, failure);
        if (!rendered) {
            result.errors.push_back(
                {source.string() + ":" + std::to_string(failure.line) + ": unknown placeholder {{" +
                     failure.name + "}}",
                 "fix the template: the placeholders are listed in docs/cli/init.md"});
            continue;
        }
        files.push_back({detail::output_path_for(relative), std::move(*rendered)});
    }
    if (!result.errors.empty())
        return {};
    std::sort(files.begin(), files.end(),
              [](const RenderedFile& a, const RenderedFile& b) { return a.path < b.path; });
    for (const RenderedFile& file : files)
        result.files.push_back(file.path);
    return files;
}

ScaffoldResult scaffold_package(const ScaffoldOptions& options) {
    ScaffoldResult result;
    const std::vector<RenderedFile> files = render_scaffold(options, result);
    if (!result.ok())
        return result;
    if (const std::optional<ScaffoldProblem> refused =
            detail::check_target_directory(result.dir, options.force)) {
        result.errors.push_back(*refused);
        return result;
    }
    if (options.dry_run)
        return result;
    if (std::optional<ScaffoldProblem> failed = detail::write_files(result.dir, files)) {
        result.errors.push_back(std::move(*failed));
        return result;
    }
    result.written = true;
    return result;
}

} // namespace perry::linker
