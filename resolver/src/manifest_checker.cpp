#include "manifest_checker.h"

namespace perry::resolver::detail {
namespace {

std::string child_pointer(std::string_view parent, std::string_view key) {
    std::string out(parent);
    out += '/';
    for (char c : key) {
        if (c == '~')
            out += "~0";
        else if (c == '/')
            out += "~1";
        else
            out += c;
    }
    return out;
}

std::string child_pointer(std::string_view parent, std::size_t index) {
    return std::string(parent) + '/' + std::to_string(index);
}

} // namespace

std::string LazyPointer::str() const {
    if (parent_ == nullptr)
        return std::string(formatted_);
    return is_index_ ? child_pointer(parent_->str(), index_) : child_pointer(parent_->str(), key_);
}

void make_one_line(Diagnostic& diagnostic) {
    diagnostic.pointer = printable(diagnostic.pointer);
    diagnostic.message = printable(diagnostic.message);
    diagnostic.fix = printable(diagnostic.fix);
}

std::string describe(const Json& value) {
    switch (value.kind()) {
    case JsonKind::Null:
        return "null";
    case JsonKind::True:
        return "true";
    case JsonKind::False:
        return "false";
    case JsonKind::Object:
        return "an object";
    case JsonKind::Array:
        return "an array";
    case JsonKind::String:
        return "a string (" + json_quote(value.str()) + ")";
    case JsonKind::Number:
        return "a number (" + std::string(value.str()) + ")";
    }
    return "a value";
}

Checker::Checker(ManifestResult& result, const ParseOptions& options)
    : result_(result), package_dir_(result.package_dir.native(), options.package_dir_is_real) {}

void Checker::error(const LazyPointer& pointer, std::string message, std::string fix) {
    result_.diagnostics.push_back(Diagnostic{Diagnostic::Severity::Error, result_.file,
                                             pointer.str(), 0, 0, std::move(message),
                                             std::move(fix)});
    make_one_line(result_.diagnostics.back());
}

void Checker::warning(const LazyPointer& pointer, std::string message, std::string fix) {
    result_.diagnostics.push_back(Diagnostic{Diagnostic::Severity::Warning, result_.file,
                                             pointer.str(), 0, 0, std::move(message),
                                             std::move(fix)});
    make_one_line(result_.diagnostics.back());
}

void Checker::type_mismatch(const Json& value, const LazyPointer& pointer,
                            std::string_view expected, std::string_view fix) {
    error(pointer, "expected " + std::string(expected) + ", found " + describe(value),
          std::string(fix));
}

bool Checker::expect_string(const Json& value, const LazyPointer& pointer, std::string_view fix) {
    if (value.is_string())
        return true;
    type_mismatch(value, pointer, "a string", fix);
    return false;
}

bool Checker::expect_object(const Json& value, const LazyPointer& pointer, std::string_view fix) {
    if (value.is_object())
        return true;
    type_mismatch(value, pointer, "an object", fix);
    return false;
}

bool Checker::expect_array(const Json& value, const LazyPointer& pointer, std::string_view fix) {
    if (value.is_array())
        return true;
    type_mismatch(value, pointer, "an array", fix);
    return false;
}

std::vector<std::string> Checker::string_list(const Json& value, const LazyPointer& pointer,
                                              std::string_view fix) {
    std::vector<std::string> out;
    if (!value.is_array()) {
        type_mismatch(value, pointer, "an array of strings", fix);
        return out;
    }
    out.reserve(value.size());
    std::size_t i = 0;
    for (Json item : value) {
        if (expect_string(item, LazyPointer(pointer, i), fix))
            out.emplace_back(item.str());
        ++i;
    }
    return out;
}

namespace {
constexpr std::string_view kPathFix =
    "write the path relative to the directory of package.json, inside the package";
} // namespace

std::optional<PackagePath> Checker::package_path(const Json& value, const LazyPointer& pointer) {
    if (!expect_string(value, pointer, kPathFix))
        return std::nullopt;
    return package_path(value.str(), pointer);
}

std::optional<PackagePath> Checker::package_path(std::string_view written,
                                                 const LazyPointer& pointer) {
    if (auto problem = package_path_problem(written, package_dir_)) {
        error(pointer,
              "expected a path inside the package, found \"" + std::string(written) + "\" (" +
                  *problem + ")",
              std::string(kPathFix));
        return std::nullopt;
    }
    return PackagePath{std::string(written), resolve_package_path(written, normal_package_dir())};
}

std::vector<PackagePath> Checker::package_path_list(const Json& value, const LazyPointer& pointer) {
    std::vector<PackagePath> out;
    if (!value.is_array()) {
        type_mismatch(value, pointer, "an array of paths",
                      "write a list of paths relative to the directory of package.json");
        return out;
    }
    out.reserve(value.size());
    std::size_t i = 0;
    for (Json item : value) {
        if (auto path = package_path(item, LazyPointer(pointer, i)))
            out.push_back(std::move(*path));
        ++i;
    }
    return out;
}

std::string_view Checker::normal_package_dir() {
    if (!normal_package_dir_) {
        normal_package_dir_ =
            detail::normal_package_dir(result_.package_dir.native(), normal_package_dir_storage_);
    }
    return *normal_package_dir_;
}

void Checker::duplicate_key(const LazyPointer& object, std::string_view key) {
    warning(LazyPointer(object, key),
            "duplicate key `" + std::string(key) + "`: this one is ignored, the last one is read",
            "remove one of the two");
}

void Checker::unknown_key(const LazyPointer& object, std::string_view key, std::string_view known) {
    warning(LazyPointer(object, key), "unknown key `" + std::string(key) + "` is ignored",
            "remove it, or use one of: " + std::string(known));
}

} // namespace perry::resolver::detail
