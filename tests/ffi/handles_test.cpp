// Handles: register/get/with/take/drop/exists/iterate, typed lookups, generations, quarantine,
// destructors at drop and at shutdown, bad ids.
#include "handles.h"
#include "runtime_fixture.h"

#include <cstdint>
#include <set>
#include <vector>

using namespace perry::testing;

namespace {

const char kWidgetTag = 0;
const char kGadgetTag = 0;
const PerryHandleType kWidget = &kWidgetTag;
const PerryHandleType kGadget = &kGadgetTag;

int g_destroyed = 0;
void count_destroy(void* pointer) {
    g_destroyed++;
    delete static_cast<int*>(pointer);
}

class Handles : public RuntimeTest {
  protected:
    void SetUp() override {
        RuntimeTest::SetUp();
        g_destroyed = 0;
    }
};

} // namespace

TEST_F(Handles, RegisterGetDrop) {
    int* value = new int(42);
    PerryHandle id = perry_handle_register(value, kWidget, count_destroy);
    ASSERT_NE(id, PERRY_HANDLE_INVALID);
    EXPECT_GT(id, 0);
    EXPECT_LT(id, INT64_C(1) << 53) << "exact in a double";
    EXPECT_EQ(static_cast<PerryHandle>(static_cast<double>(id)), id);
    EXPECT_EQ(perry_handle_get(id, kWidget), value);
    EXPECT_TRUE(perry_handle_exists(id, kWidget));
    EXPECT_TRUE(perry_handle_exists(id, nullptr));
    EXPECT_EQ(perry_handle_count(kWidget), 1u);
    EXPECT_EQ(perry_handle_count(nullptr), 1u);
    ASSERT_EQ(perry_handle_drop(id, kWidget), PERRY_OK);
    EXPECT_EQ(g_destroyed, 1);
    EXPECT_FALSE(perry_handle_exists(id, kWidget));
    EXPECT_EQ(perry_handle_get(id, kWidget), nullptr);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_STALE_HANDLE);
    EXPECT_EQ(perry_handle_drop(id, kWidget), PERRY_STATUS_STALE_HANDLE);
    EXPECT_EQ(g_destroyed, 1) << "the destructor runs once";
}

TEST_F(Handles, TheWrongTypeTagGivesNull) {
    int* value = new int(1);
    PerryHandle id = perry_handle_register(value, kWidget, count_destroy);
    EXPECT_EQ(perry_handle_get(id, kGadget), nullptr);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_WRONG_HANDLE_TYPE);
    EXPECT_FALSE(perry_handle_exists(id, kGadget));
    EXPECT_EQ(perry_handle_take(id, kGadget), nullptr);
    EXPECT_EQ(perry_handle_drop(id, kGadget), PERRY_STATUS_WRONG_HANDLE_TYPE);
    EXPECT_EQ(perry_handle_with(
                  id, kGadget, [](void*, void*) { FAIL(); }, nullptr),
              PERRY_STATUS_WRONG_HANDLE_TYPE);
    EXPECT_TRUE(perry_handle_exists(id, kWidget)) << "failed calls change nothing";
    EXPECT_EQ(perry_handle_drop(id, nullptr), PERRY_OK) << "a NULL type drops any type";
    EXPECT_EQ(g_destroyed, 1);
}

TEST_F(Handles, TakeReturnsOwnershipWithoutTheDestructor) {
    int* value = new int(5);
    PerryHandle id = perry_handle_register(value, kWidget, count_destroy);
    int* taken = static_cast<int*>(perry_handle_take(id, kWidget));
    EXPECT_EQ(taken, value);
    EXPECT_EQ(g_destroyed, 0);
    EXPECT_FALSE(perry_handle_exists(id, nullptr));
    EXPECT_EQ(perry_handle_take(id, kWidget), nullptr);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_STALE_HANDLE);
    delete taken;
}

TEST_F(Handles, WithRunsTheBodyAndDefersADropMadeInsideIt) {
    int* value = new int(3);
    PerryHandle id = perry_handle_register(value, kWidget, count_destroy);
    struct Seen {
        PerryHandle id;
        int value;
        int destroyed_inside;
    } seen{id, 0, -1};
    ASSERT_EQ(perry_handle_with(
                  id, kWidget,
                  [](void* pointer, void* userdata) {
                      auto* s = static_cast<Seen*>(userdata);
                      s->value = *static_cast<int*>(pointer);
                      EXPECT_EQ(perry_handle_drop(s->id, kWidget), PERRY_OK);
                      EXPECT_FALSE(perry_handle_exists(s->id, kWidget)) << "dead at once";
                      s->destroyed_inside = g_destroyed;
                      s->value += *static_cast<int*>(pointer); // still valid: ASan would tell
                  },
                  &seen),
              PERRY_OK);
    EXPECT_EQ(seen.value, 6);
    EXPECT_EQ(seen.destroyed_inside, 0) << "the destructor waits for the end of with";
    EXPECT_EQ(g_destroyed, 1);
    EXPECT_EQ(perry_handle_with(
                  id, kWidget, [](void*, void*) { FAIL(); }, nullptr),
              PERRY_STATUS_STALE_HANDLE);
}

TEST_F(Handles, TakeInsideWithReturnsAtOnceAndNoDestructorRuns) {
    int* value = new int(8);
    PerryHandle id = perry_handle_register(value, kWidget, count_destroy);
    void* taken = nullptr;
    struct Ctx {
        PerryHandle id;
        void** taken;
    } ctx{id, &taken};
    ASSERT_EQ(perry_handle_with(
                  id, kWidget,
                  [](void*, void* userdata) {
                      auto* c = static_cast<Ctx*>(userdata);
                      *c->taken = perry_handle_take(c->id, kWidget);
                  },
                  &ctx),
              PERRY_OK);
    EXPECT_EQ(taken, value);
    EXPECT_EQ(g_destroyed, 0);
    delete static_cast<int*>(taken);
}

TEST_F(Handles, AStaleIdNeverReachesTheObjectThatReusesItsSlot) {
    PerryHandle old_id = perry_handle_register(new int(1), kWidget, count_destroy);
    ASSERT_EQ(perry_handle_drop(old_id, kWidget), PERRY_OK);
    EXPECT_EQ(perry::handles::quarantined_count(), 1u);
    // In quarantine: the next registration takes a fresh slot.
    PerryHandle during = perry_handle_register(new int(2), kWidget, count_destroy);
    EXPECT_NE(during & 0xFFFFFFFF, old_id & 0xFFFFFFFF) << "no reuse before the pump turn ends";
    perry::handles::end_pump_turn();
    EXPECT_EQ(perry::handles::quarantined_count(), 0u);
    PerryHandle reused = perry_handle_register(new int(3), kWidget, count_destroy);
    EXPECT_EQ(reused & 0xFFFFFFFF, old_id & 0xFFFFFFFF) << "the slot is reused after the turn";
    EXPECT_EQ(reused >> 32, (old_id >> 32) + 1) << "with the next generation";
    EXPECT_EQ(perry_handle_get(old_id, kWidget), nullptr);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_STALE_HANDLE);
    EXPECT_FALSE(perry_handle_exists(old_id, nullptr));
    EXPECT_EQ(perry_handle_drop(old_id, kWidget), PERRY_STATUS_STALE_HANDLE);
    EXPECT_EQ(*static_cast<int*>(perry_handle_get(reused, kWidget)), 3);
    EXPECT_EQ(perry_handle_drop(during, kWidget), PERRY_OK);
    EXPECT_EQ(perry_handle_drop(reused, kWidget), PERRY_OK);
    EXPECT_EQ(g_destroyed, 3);
}

TEST_F(Handles, BadIdsGiveAStatusNotACrash) {
    for (PerryHandle id : {INT64_C(0), INT64_C(-1), INT64_C(1), INT64_C(0x7FFFFFFFFFFFFFFF),
                           (INT64_C(1) << 53) + 1, (INT64_C(5) << 32) | 0xFFFFFF}) {
        EXPECT_EQ(perry_handle_get(id, kWidget), nullptr) << id;
        EXPECT_NE(perry_last_status(), PERRY_OK) << id;
        EXPECT_FALSE(perry_handle_exists(id, nullptr)) << id;
        EXPECT_NE(perry_handle_drop(id, nullptr), PERRY_OK) << id;
        EXPECT_EQ(perry_handle_take(id, kWidget), nullptr) << id;
    }
    EXPECT_EQ(perry_handle_get(0, kWidget), nullptr);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(perry_handle_register(nullptr, kWidget, nullptr), PERRY_HANDLE_INVALID);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_ARGUMENT);
    int local = 0;
    EXPECT_EQ(perry_handle_register(&local, nullptr, nullptr), PERRY_HANDLE_INVALID);
    EXPECT_EQ(perry_handle_iterate(kWidget, nullptr, nullptr), PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(perry_handle_iterate(
                  nullptr, [](PerryHandle, void*, void*) {}, nullptr),
              PERRY_STATUS_INVALID_ARGUMENT);
    PerryHandle id = perry_handle_register(&local, kWidget, nullptr);
    EXPECT_EQ(perry_handle_get(id, nullptr), nullptr);
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_INVALID_ARGUMENT);
    EXPECT_EQ(perry_handle_drop(id, kWidget), PERRY_OK) << "a NULL destructor is allowed";
}

TEST_F(Handles, IterateVisitsEveryHandleOfOneTypeInSlotOrder) {
    std::vector<PerryHandle> widgets;
    for (int i = 0; i < 5; ++i) {
        widgets.push_back(perry_handle_register(new int(i), kWidget, count_destroy));
    }
    PerryHandle gadget = perry_handle_register(new int(99), kGadget, count_destroy);
    ASSERT_EQ(perry_handle_drop(widgets[2], kWidget), PERRY_OK);
    struct Visit {
        std::vector<PerryHandle> ids;
        std::vector<int> values;
    } visit;
    ASSERT_EQ(perry_handle_iterate(
                  kWidget,
                  [](PerryHandle id, void* pointer, void* userdata) {
                      auto* v = static_cast<Visit*>(userdata);
                      v->ids.push_back(id);
                      v->values.push_back(*static_cast<int*>(pointer));
                      perry_handle_drop(id, kWidget); // allowed: no lock is held
                  },
                  &visit),
              PERRY_OK);
    EXPECT_EQ(visit.ids,
              (std::vector<PerryHandle>{widgets[0], widgets[1], widgets[3], widgets[4]}));
    EXPECT_EQ(visit.values, (std::vector<int>{0, 1, 3, 4}));
    EXPECT_EQ(perry_handle_count(kWidget), 0u);
    EXPECT_EQ(perry_handle_count(kGadget), 1u);
    EXPECT_EQ(perry_handle_drop(gadget, kGadget), PERRY_OK);
    EXPECT_EQ(g_destroyed, 6);
}

namespace {

int g_scanner_visits = 0;

// A root scanner that finds the values its binding keeps in native objects behind handles.
void scan_handle_values(PerryGcMarker* marker, void*) {
    perry_handle_iterate(
        kGadget,
        [](PerryHandle, void* pointer, void* userdata) {
            g_scanner_visits++;
            perry_gc_mark_value(static_cast<PerryGcMarker*>(userdata),
                                *static_cast<PerryValue*>(pointer));
        },
        marker);
}

__attribute__((noinline)) PerryHandle register_value_holder() {
    auto* holder = new PerryValue(perry_string_from_utf8("held by a native object", 23));
    return perry_handle_register(holder, kGadget,
                                 [](void* pointer) { delete static_cast<PerryValue*>(pointer); });
}

} // namespace

TEST_F(Handles, IterateWorksInsideARootScanner) {
    uint64_t scanner = 0;
    ASSERT_EQ(perry_gc_register_root_scanner("test.handles", scan_handle_values, nullptr, &scanner),
              PERRY_OK);
    PerryHandle id = register_value_holder();
    g_scanner_visits = 0;
    for (int i = 0; i < 5; ++i) {
        perry_string_from_utf8("some garbage text", 17);
        ASSERT_EQ(perry_gc_collect(), PERRY_OK);
    }
    EXPECT_GE(g_scanner_visits, 5);
    EXPECT_EQ(text_of(*static_cast<PerryValue*>(perry_handle_get(id, kGadget))),
              "held by a native object");
    ASSERT_EQ(perry_gc_unregister_root_scanner(scanner), PERRY_OK);
    ASSERT_EQ(perry_handle_drop(id, kGadget), PERRY_OK);
}

TEST(HandlesAcrossShutdown, ShutdownRunsTheRemainingDestructorsAndIdsStayStale) {
    ASSERT_EQ(perry_runtime_init(nullptr), PERRY_OK);
    g_destroyed = 0;
    PerryHandle a = perry_handle_register(new int(1), kWidget, count_destroy);
    PerryHandle b = perry_handle_register(new int(2), kGadget, count_destroy);
    ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK);
    EXPECT_EQ(g_destroyed, 2);
    EXPECT_EQ(perry_handle_count(nullptr), 0u);
    int unused = 0;
    EXPECT_EQ(perry_handle_register(&unused, kWidget, count_destroy), PERRY_HANDLE_INVALID)
        << "registering needs a runtime";
    EXPECT_EQ(perry_last_status(), PERRY_STATUS_NOT_INITIALIZED);
    ASSERT_EQ(perry_runtime_init(nullptr), PERRY_OK);
    std::set<PerryHandle> fresh;
    for (int i = 0; i < 4; ++i) {
        fresh.insert(perry_handle_register(new int(i), kWidget, count_destroy));
    }
    EXPECT_EQ(fresh.count(a) + fresh.count(b), 0u) << "ids from before the shutdown stay stale";
    EXPECT_FALSE(perry_handle_exists(a, nullptr));
    ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK);
    EXPECT_EQ(g_destroyed, 6);
}
