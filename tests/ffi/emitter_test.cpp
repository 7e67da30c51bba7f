// The event emitter of perry/cpp/emitter.hpp: a listener kept only in native memory survives
// the GC with the root scanner; the failure the scanner prevents (seed 000's emitter: listeners
// in native memory, no scanner) is shown with a test-only emitter that keeps no roots, whose
// swept listener is detected (never called, no crash); and the emitter itself drops a listener
// whose closure is gone.
#include "async_testing.h"
#include "perry/ffi.hpp"

#include <memory>
#include <vector>

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

// Seed 000's emitter pattern WITHOUT a root scanner, kept here (never in the public header) to
// show what the scanner prevents: the listener lives only in native memory, so the GC sweeps it.
// The serial, checked before each call, turns that into a detected loss instead of a call
// through freed memory.
class UnscannedEmitter {
  public:
    void on(PerryValue listener) {
        listeners_.push_back({listener, perry_closure_serial(listener)});
    }
    // Calls each live listener; returns how many were swept (and forgets them).
    uint32_t emit1(PerryValue arg, uint32_t* called) {
        uint32_t swept = 0;
        std::vector<Listener> kept;
        for (const Listener& listener : listeners_) {
            const PerryValue live = perry_closure_from_serial(listener.serial);
            if (live == PERRY_UNDEFINED || live != listener.closure) {
                swept++;
                continue;
            }
            PerryValue out = PERRY_UNDEFINED;
            EXPECT_EQ(perry_closure_call1(live, arg, &out), PERRY_OK);
            ++*called;
            kept.push_back(listener);
        }
        listeners_ = kept;
        return swept;
    }
    size_t size() const { return listeners_.size(); }

  private:
    struct Listener {
        PerryValue closure;
        uint64_t serial;
    };
    std::vector<Listener> listeners_; // native memory: no collector sees it
};

__attribute__((noinline)) void add_unscanned_listener(UnscannedEmitter& emitter) {
    const PerryValue capture = perry_value_from_int32(100);
    emitter.on(perry_closure_new(listener, &capture, 1));
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
    auto emitter = std::make_unique<UnscannedEmitter>(); // in native memory, as in a handle
    add_unscanned_listener(*emitter);
    EXPECT_EQ(emitter->size(), 1u);
    collect_precisely();
    churn(scaled(200)); // new closures may take the swept listener's address
    uint32_t called = 0;
    EXPECT_EQ(emitter->emit1(int_value(5), &called), 1u);
    EXPECT_EQ(called, 0u);
    EXPECT_EQ(g_calls, 0);
    EXPECT_EQ(emitter->size(), 0u); // forgotten, reported once
}

TEST_F(EmitterTest, AListenerWhoseClosureIsGoneIsDroppedNotCalled) {
    g_calls = 0;
    // An emitter kept across a runtime shutdown and init: shutdown frees every closure, and
    // serials are never reused, so the listener is found gone.
    auto emitter = std::make_unique<perry::EventEmitter>();
    add_listener(*emitter);
    ASSERT_EQ(perry_runtime_shutdown(), PERRY_OK);
    ASSERT_EQ(perry_runtime_init(nullptr), PERRY_OK);
    churn(scaled(200));
    const perry::EventEmitter::EmitResult result = emitter->emit1("data", int_value(5));
    EXPECT_EQ(result.called, 0u);
    EXPECT_EQ(result.collected, 1u);
    EXPECT_EQ(g_calls, 0);
    EXPECT_EQ(emitter->listener_count("data"), 0u);
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
