// Our side of the benchmark document: the same records as document.js, built with the C API.
#include "document.h"

#include <string>
#include <string_view>

namespace perry::bench {
namespace {

const char* const kWords[] = {"alpha",
                              "beta",
                              "gamma",
                              "delta",
                              "epsilon",
                              "caf\xc3\xa9",
                              "na\xc3\xafve",
                              "line\nbreak",
                              "tab\there",
                              "quote\"d",
                              "back\\slash",
                              "\xf0\x9f\x98\x80 smile",
                              "\xe6\x9d\xb1\xe4\xba\xac",
                              "plain text value",
                              "x",
                              ""};

struct Random { // xorshift32, as document.js
    uint32_t seed = 0x9e3779b9u;
    uint32_t next() {
        seed ^= seed << 13;
        seed ^= seed >> 17;
        seed ^= seed << 5;
        return seed;
    }
};

PerryValue text(std::string_view s) {
    return perry_string_from_utf8(s.data(), s.size());
}

// Objects are built from shapes made once, the way a binding builds the objects it returns
// (collections.h): every record then shares one shape.
const char* const kRecordKeys[] = {"id",     "name",    "score", "ratio",    "big",
                                   "active", "missing", "tags",  "position", "history"};
const char* const kPositionKeys[] = {"x", "y"};
const char* const kDocumentKeys[] = {"version", "generator", "records"};

void set(PerryValue object, size_t index, PerryValue value) {
    perry_object_set_index(object, index, value);
}

} // namespace

PerryValue make_document(uint32_t records) {
    const PerryShape* record_shape = perry_shape_new(kRecordKeys, nullptr, 10);
    const PerryShape* position_shape = perry_shape_new(kPositionKeys, nullptr, 2);
    const PerryShape* document_shape = perry_shape_new(kDocumentKeys, nullptr, 3);
    Random random;
    auto word = [&] { return std::string_view(kWords[random.next() % 16]); };
    PerryValue list = perry_array_new(records);
    for (uint32_t i = 0; i < records; ++i) {
        PerryValue tags = perry_array_new(4);
        uint32_t tag_count = random.next() % 5;
        for (uint32_t t = 0; t < tag_count; ++t) {
            perry_array_push(tags, text(word()));
        }
        // The draws happen in document.js's property order.
        std::string name(word());
        name += ' ';
        name += word();
        PerryValue record = perry_object_new(record_shape);
        set(record, 0, perry_value_from_int32(static_cast<int32_t>(i)));
        set(record, 1, text(name));
        set(record, 2, perry_value_from_number((random.next() % 1000000) / 1000.0));
        set(record, 3, perry_value_from_number(random.next() / 4294967296.0));
        set(record, 4, perry_value_from_number((random.next() % 1000) * 1e18));
        set(record, 5, perry_value_from_bool(random.next() % 2 == 0));
        set(record, 6, PERRY_NULL);
        set(record, 7, tags);
        PerryValue position = perry_object_new(position_shape);
        set(position, 0,
            perry_value_from_int32(static_cast<int32_t>(random.next() % 20001) - 10000));
        set(position, 1, perry_value_from_number((random.next() % 2000) / 7.0));
        set(record, 8, position);
        PerryValue history = perry_array_new(3);
        for (int h = 0; h < 3; ++h) {
            perry_array_push(history,
                             perry_value_from_int32(static_cast<int32_t>(random.next() % 100)));
        }
        set(record, 9, history);
        perry_array_push(list, record);
    }
    PerryValue document = perry_object_new(document_shape);
    set(document, 0, perry_value_from_int32(1));
    set(document, 1, text("perry-bench"));
    set(document, 2, list);
    return document;
}

} // namespace perry::bench
