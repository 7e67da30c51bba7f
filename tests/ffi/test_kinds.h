// A heap kind for white-box GC tests: a fixed-size node holding up to four values, whose
// finalizer counts how many nodes were freed.
#pragma once

#include "heap.h"

#include <cstdint>

namespace perry::testing {

struct TestNode {
    PerryValue children[4];
    uint64_t serial;
};

inline uint64_t g_finalized_nodes = 0;

inline void trace_test_node(void* payload, heap::Marker& marker) {
    for (PerryValue child : static_cast<TestNode*>(payload)->children) {
        marker.value(child);
    }
}

inline void finalize_test_node(void*) {
    g_finalized_nodes++;
}

inline const heap::KindOps kTestNodeOps{PERRY_KIND_INTERNAL, "test-node", trace_test_node,
                                        finalize_test_node};

inline PerryValue new_test_node(uint64_t serial) {
    auto* node = static_cast<TestNode*>(heap::allocate(kTestNodeOps, sizeof(TestNode)));
    if (node == nullptr) {
        return PERRY_UNDEFINED;
    }
    for (PerryValue& child : node->children) {
        child = PERRY_UNDEFINED;
    }
    node->serial = serial;
    return perry_value_from_pointer(PERRY_TAG_OBJECT, node);
}

inline TestNode* node_of(PerryValue value) {
    return static_cast<TestNode*>(perry_value_to_pointer(value));
}

} // namespace perry::testing
