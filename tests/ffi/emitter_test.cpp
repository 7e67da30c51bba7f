// The event emitter of perry/cpp/emitter.hpp: a listener kept only in native memory survives
// the GC with the root scanner, and without it is detected as swept (never called, no crash).
#include "async_testing.h"
#include "perry/ffi.hpp"

#include <memory>

using namespace perry::testing;

namespace {

class EmitterTest : public AsyncRuntimeTest {};

int g_calls = 0;
PerryValue g_last_arg = PERRY_UNDEFINED;

// The listener adds its captured value to the argument, to prove its captures survived too.
PerryValue listener(const PerryClosureCall* call) {
    g_calls++;
    g_last_arg = perry_value_from_int32(perry_value_to_int32(call->args[0]) +
                                        perry_value_to_int32(call->captures[0]));
    return PERRY_UNDEFINED;
}

// Registers a fresh listener; afterwards only the emitter knows it.
__attribute__((noinline)) void add_listener(perry::EventEmitter& emitter) {
    const PerryValue capture = perry_value_from_int32(100);
    ASSERT_EQ(emitter.on("data", perry_closure_new(listener, &capture, 1)), PERRY_OK);
}

// Garbage closures that make the collector reuse memory (and collect on each allocation under
// PERRY_GC_STRESS=1).
__attribute__((noinline)) void churn(int count) {
    for (int i = 0; i < count; ++i) {
        perry_closure_new(listener, nullptr, 0);
    }
}

} // namespace

TEST_F(EmitterTest, ListenerRootedByTheScannerSurvivesCollections) {
    g_calls = 0;
    // As a binding holds it: the emitter lives behind a handle id (js_emitter_new's result).
    const PerryHandle id = perry::make_handle<perry::EventEmitter>();
    perry::EventEmitter* emitter = perry::get_handle<perry::EventEmitter>(id);
    ASSERT_NE(emitter, nullptr);
    add_listener(*emitter);
    for (int round = 0; round < 3; ++round) {
        churn(scaled(200));
        collect_precisely();
    }
    const perry::EventEmitter::EmitResult result = emitter->emit1("data", int_value(5));
    EXPECT_EQ(result.called, 1u);
    EXPECT_EQ(result.collected, 0u);
    EXPECT_EQ(g_calls, 1);
    EXPECT_EQ(g_last_arg, int_value(105));
    EXPECT_EQ(emitter->emit1("other", int_value(5)).called, 0u);
    EXPECT_TRUE(perry::drop_handle<perry::EventEmitter>(id));
}

TEST_F(EmitterTest, ListenerWithoutTheScannerIsDetectedAsCollected) {
    g_calls = 0;
    const PerryHandle id =
        perry::make_handle<perry::EventEmitter>(perry::EventEmitter::Rooting::kUnscanned);
    perry::EventEmitter* emitter = perry::get_handle<perry::EventEmitter>(id);
    ASSERT_NE(emitter, nullptr);
    add_listener(*emitter);
    EXPECT_EQ(emitter->listener_count("data"), 1u);
    collect_precisely();
    churn(scaled(200)); // new closures may take the swept listener's address
    const perry::EventEmitter::EmitResult result = emitter->emit1("data", int_value(5));
    EXPECT_EQ(result.called, 0u);
    EXPECT_EQ(result.collected, 1u);
    EXPECT_EQ(g_calls, 0);
    EXPECT_EQ(emitter->listener_count("data"), 0u); // forgotten, reported once
    EXPECT_TRUE(perry::drop_handle<perry::EventEmitter>(id));
}

TEST_F(EmitterTest, DestroyedEmitterStopsRootingItsListeners) {
    auto emitter = std::make_unique<perry::EventEmitter>();
    add_listener(*emitter);
    PerryGcStats before{};
    collect_precisely();
    ASSERT_EQ(perry_gc_stats(&before), PERRY_OK);
    emitter.reset();
    collect_precisely();
    PerryGcStats after{};
    ASSERT_EQ(perry_gc_stats(&after), PERRY_OK);
    EXPECT_EQ(after.freed_objects - before.freed_objects, 1u); // the listener closure
}

TEST_F(EmitterTest, OnRejectsNonClosures) {
    perry::EventEmitter emitter;
    EXPECT_EQ(emitter.on("data", int_value(1)), PERRY_STATUS_NOT_CALLABLE);
    EXPECT_EQ(emitter.listener_count("data"), 0u);
}
