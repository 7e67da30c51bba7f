#include "reader_agreement.h"

#include "json_document.h" // internal: the reader under test

#include <nlohmann/json.hpp>

#include <set>

namespace perry::testing {
namespace {

using perry::resolver::detail::JsonDocument;
using perry::resolver::detail::JsonKind;
using perry::resolver::detail::JsonValue;

std::string compare(const JsonValue& ours, const nlohmann::json& reference, const std::string& at) {
    auto differs = [&](const std::string& what) { return at + ": " + what; };
    switch (ours.kind()) {
    case JsonKind::Null:
        return reference.is_null() ? "" : differs("null here, " + reference.dump() + " there");
    case JsonKind::True:
    case JsonKind::False: {
        const bool value = ours.kind() == JsonKind::True;
        return reference.is_boolean() && reference.get<bool>() == value
                   ? ""
                   : differs("boolean here, " + reference.dump() + " there");
    }
    case JsonKind::Number: {
        const nlohmann::json value = nlohmann::json::parse(ours.str());
        return reference.is_number() && value == reference
                   ? ""
                   : differs(std::string(ours.str()) + " here, " + reference.dump() + " there");
    }
    case JsonKind::String:
        return reference.is_string() && reference.get<std::string>() == ours.str()
                   ? ""
                   : differs("string " + nlohmann::json(std::string(ours.str())).dump() +
                             " here, " + reference.dump() + " there");
    case JsonKind::Array: {
        if (!reference.is_array() || reference.size() != ours.size())
            return differs("array of " + std::to_string(ours.size()) + " here, " +
                           reference.dump() + " there");
        std::size_t i = 0;
        for (JsonValue element : ours) {
            if (std::string d = compare(element, reference[i], at + "/" + std::to_string(i));
                !d.empty())
                return d;
            ++i;
        }
        return "";
    }
    case JsonKind::Object: {
        if (!reference.is_object())
            return differs("object here, " + reference.dump() + " there");
        std::set<std::string> names;
        for (JsonValue member : ours)
            names.insert(std::string(member.key()));
        if (names.size() != reference.size())
            return differs(std::to_string(names.size()) + " distinct members here, " +
                           std::to_string(reference.size()) + " there");
        for (const std::string& name : names) {
            JsonValue last = ours;
            ours.find(name, last);
            const auto it = reference.find(name);
            if (it == reference.end())
                return differs("member " + name + " only here");
            if (std::string d = compare(last, *it, at + "/" + name); !d.empty())
                return d;
        }
        return "";
    }
    }
    return differs("an unknown kind of value");
}

} // namespace

std::string reader_disagreement(std::string_view text) {
    JsonDocument ours;
    std::string error;
    const bool ours_accepts = ours.parse(text, error);
    nlohmann::json reference;
    bool reference_accepts = true;
    try {
        reference = nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::exception&) {
        reference_accepts = false;
    }
    if (ours_accepts != reference_accepts) {
        return ours_accepts ? "accepted here, rejected by nlohmann"
                            : "rejected here (" + error + "), accepted by nlohmann";
    }
    return ours_accepts ? compare(ours.root(), reference, "") : "";
}

} // namespace perry::testing
