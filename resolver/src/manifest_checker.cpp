#include "manifest_checker.h"

#include "package_paths.h"

namespace perry::resolver::detail {

std::string child_pointer(std::string_view parent, std::string_view key) {
    std::string out(parent);
    out += '/';
    for (char c : key) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string child_pointer(std::string_view parent, std::size_t index) {
    return std::string(parent) + '/' + std::to_string(index);
}

std::string describe(const Json& value) {
    switch (value.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::boolean: return value.get<bool>() ? "true" : "false";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string (" + value.dump() + ")";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number (" + value.dump() + ")";
    default: return "a " + std::string(value.type_name());
    }
}

void Checker::error(std::string pointer, std::string message, std::string fix) {
    result_.diagnostics.push_back(Diagnostic{Diagnostic::Severity::Error, result_.file,
                                             std::move(pointer), 0, 0, std::move(message),
                                             std::move(fix)});
}

void Checker::warning(std::string pointer, std::string message, std::string fix) {
    result_.diagnostics.push_back(Diagnostic{Diagnostic::Severity::Warning, result_.file,
                                             std::move(pointer), 0, 0, std::move(message),
                                             std::move(fix)});
}

void Checker::type_mismatch(const Json& value, const std::string& pointer,
                            std::string_view expected, std::string_view fix) {
    error(pointer, "expected " + std::string(expected) + ", found " + describe(value),
          std::string(fix));
}

bool Checker::expect_string(const Json& value, const std::string& pointer, std::string_view fix) {
    if (value.is_string()) return true;
    type_mismatch(value, pointer, "a string", fix);
    return false;
}

bool Checker::expect_object(const Json& value, const std::string& pointer, std::string_view fix) {
    if (value.is_object()) return true;
    type_mismatch(value, pointer, "an object", fix);
    return false;
}

bool Checker::expect_array(const Json& value, const std::string& pointer, std::string_view fix) {
    if (value.is_array()) return true;
    type_mismatch(value, pointer, "an array", fix);
    return false;
}

std::vector<std::string> Checker::string_list(const Json& value, const std::string& pointer,
                                              std::string_view fix) {
    std::vector<std::string> out;
    if (!value.is_array()) {
        type_mismatch(value, pointer, "an array of strings", fix);
        return out;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (expect_string(value[i], child_pointer(pointer, i), fix)) {
            out.push_back(value[i].get<std::string>());
        }
    }
    return out;
}

std::optional<PackagePath> Checker::package_path(const Json& value, const std::string& pointer) {
    static constexpr std::string_view kFix = "write the path relative to the directory of "
                                             "package.json, inside the package";
    if (!expect_string(value, pointer, kFix)) return std::nullopt;
    const std::string& written = value.get_ref<const std::string&>();
    if (auto problem = package_path_problem(written, result_.package_dir)) {
        error(pointer, "expected a path inside the package, found \"" + written + "\", which " + *problem,
              std::string(kFix));
        return std::nullopt;
    }
    return PackagePath{written, resolve_package_path(written, result_.package_dir)};
}

std::vector<PackagePath> Checker::package_path_list(const Json& value, const std::string& pointer) {
    std::vector<PackagePath> out;
    if (!value.is_array()) {
        type_mismatch(value, pointer, "an array of paths",
                      "write a list of paths relative to the directory of package.json");
        return out;
    }
    for (std::size_t i = 0; i < value.size(); ++i) {
        if (auto path = package_path(value[i], child_pointer(pointer, i))) {
            out.push_back(std::move(*path));
        }
    }
    return out;
}

void Checker::unknown_key(const std::string& pointer, std::string_view key, std::string_view known) {
    warning(child_pointer(pointer, key), "unknown key `" + std::string(key) + "` is ignored",
            "remove it, or use one of: " + std::string(known));
}

} // namespace perry::resolver::detail
