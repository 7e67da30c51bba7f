#include "perry/resolver/package_files.h"

#include "fs_util.h"
#include "package_json.h"
#include "package_paths.h"

namespace perry::resolver {

std::vector<std::optional<std::string>>
read_package_strings(const std::filesystem::path& package_json,
                     const std::vector<std::string_view>& names) {
    std::vector<std::optional<std::string>> values(names.size());
    std::string text;
    if (!detail::read_file(package_json.string(), text))
        return values;
    detail::PackageJson package;
    detail::parse_package_json(text, package);
    if (!package.error.empty())
        return values;
    const detail::JsonValue root = package.document.root();
    for (std::size_t i = 0; i < names.size(); ++i) {
        detail::JsonValue value = root;
        if (root.find(names[i], value) && value.is_string() && !value.str().empty())
            values[i] = std::string(value.str());
    }
    return values;
}

std::optional<std::string> package_file_problem(const std::string& package_dir,
                                                std::string_view written) {
    detail::PackageDirectory dir(package_dir);
    return detail::package_path_problem(written, dir);
}

} // namespace perry::resolver
