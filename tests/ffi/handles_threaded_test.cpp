// Handles under concurrency: registrations, lookups and drops from many threads; a drop racing
// a perry_handle_with; take waiting for another thread's with. Run under TSan (label threaded).
#include "handles.h"
#include "runtime_fixture.h"

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

using namespace perry::testing;

namespace {

const char kCounterTag = 0;
const PerryHandleType kCounter = &kCounterTag;

std::atomic<int> g_destroyed{0};

struct Counter {
    std::atomic<int> value{0};
    std::atomic<int64_t> owner{0};
};

void destroy_counter(void* pointer) {
    g_destroyed.fetch_add(1);
    delete static_cast<Counter*>(pointer);
}

class HandlesThreaded : public RuntimeTest {
  protected:
    void SetUp() override {
        RuntimeTest::SetUp();
        g_destroyed = 0;
    }
};

} // namespace

TEST_F(HandlesThreaded, ManyThreadsRegisterLookUpAndDrop) {
    constexpr int kThreads = 4;
    constexpr int kPerThread = 2000;
    std::atomic<int> wrong{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&wrong, t] {
            for (int i = 0; i < kPerThread; ++i) {
                auto* counter = new Counter();
                counter->value = t * kPerThread + i;
                PerryHandle id = perry_handle_register(counter, kCounter, destroy_counter);
                auto* found = static_cast<Counter*>(perry_handle_get(id, kCounter));
                if (found != counter || found->value != t * kPerThread + i) {
                    wrong++;
                }
                if (perry_handle_drop(id, kCounter) != PERRY_OK ||
                    perry_handle_get(id, kCounter) != nullptr) {
                    wrong++;
                }
                if (i % 64 == 0) {
                    perry::handles::end_pump_turn(); // slots get reused across threads
                }
            }
        });
    }
    for (auto& thread : threads) {
        thread.join();
    }
    EXPECT_EQ(wrong.load(), 0);
    EXPECT_EQ(g_destroyed.load(), kThreads * kPerThread);
    perry::handles::end_pump_turn();
}

TEST_F(HandlesThreaded, ADropDuringWithWaitsForTheBodyToEnd) {
    PerryHandle id = perry_handle_register(new Counter(), kCounter, destroy_counter);
    std::atomic<bool> inside{false};
    std::atomic<bool> dropped{false};
    struct Ctx {
        std::atomic<bool>* inside;
        std::atomic<bool>* dropped;
        int destroyed_while_inside = -1;
    } ctx{&inside, &dropped};
    std::thread holder([&] {
        perry_handle_with(
            id, kCounter,
            [](void* pointer, void* userdata) {
                auto* c = static_cast<Ctx*>(userdata);
                c->inside->store(true);
                while (!c->dropped->load()) {
                    std::this_thread::yield();
                }
                static_cast<Counter*>(pointer)->value++; // still alive: ASan/TSan would tell
                c->destroyed_while_inside = g_destroyed.load();
            },
            &ctx);
    });
    while (!inside.load()) {
        std::this_thread::yield();
    }
    EXPECT_EQ(perry_handle_drop(id, kCounter), PERRY_OK);
    EXPECT_FALSE(perry_handle_exists(id, kCounter));
    dropped = true;
    holder.join();
    EXPECT_EQ(ctx.destroyed_while_inside, 0);
    EXPECT_EQ(g_destroyed.load(), 1) << "the holder's thread ran the destructor after its body";
}

TEST_F(HandlesThreaded, TakeWaitsForAnotherThreadsWith) {
    auto* counter = new Counter();
    PerryHandle id = perry_handle_register(counter, kCounter, destroy_counter);
    std::atomic<bool> inside{false};
    std::atomic<bool> body_done{false};
    struct Ctx {
        std::atomic<bool>* inside;
        std::atomic<bool>* done;
    } ctx{&inside, &body_done};
    std::thread holder([&] {
        perry_handle_with(
            id, kCounter,
            [](void*, void* userdata) {
                auto* c = static_cast<Ctx*>(userdata);
                c->inside->store(true);
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
                c->done->store(true);
            },
            &ctx);
    });
    while (!inside.load()) {
        std::this_thread::yield();
    }
    void* taken = perry_handle_take(id, kCounter);
    EXPECT_TRUE(body_done.load()) << "take returned while the other thread's body still ran";
    EXPECT_EQ(taken, counter);
    holder.join();
    EXPECT_EQ(g_destroyed.load(), 0);
    delete counter;
}

TEST_F(HandlesThreaded, LookupsRaceDropsWithoutEverSeeingAnotherObject) {
    constexpr int kRounds = 3000;
    std::atomic<PerryHandle> current{0};
    std::atomic<bool> stop{false};
    std::atomic<int> wrong{0};
    std::atomic<int> seen{0};
    std::thread reader([&] {
        struct Check {
            PerryHandle id;
            std::atomic<int>* wrong;
            std::atomic<int>* seen;
        } check{0, &wrong, &seen};
        while (!stop.load()) {
            check.id = current.load();
            if (check.id == 0) {
                continue;
            }
            // An object found through an id is the one registered under it: its `owner` is that
            // id (or still 0 right after registration). with() keeps it alive while we read.
            perry_handle_with(
                check.id, kCounter,
                [](void* pointer, void* userdata) {
                    auto* c = static_cast<Check*>(userdata);
                    const int64_t owner = static_cast<Counter*>(pointer)->owner.load();
                    if (owner != 0 && owner != c->id) {
                        c->wrong->fetch_add(1);
                    }
                    c->seen->fetch_add(1);
                },
                &check);
        }
    });
    for (int i = 0; i < kRounds; ++i) {
        auto* counter = new Counter();
        PerryHandle id = perry_handle_register(counter, kCounter, destroy_counter);
        counter->owner = id;
        current = id;
        std::this_thread::yield();
        perry_handle_drop(id, kCounter);
        perry::handles::end_pump_turn(); // reuse slots at once: the hardest case for generations
    }
    stop = true;
    reader.join();
    EXPECT_EQ(wrong.load(), 0);
    EXPECT_EQ(g_destroyed.load(), kRounds);
}
