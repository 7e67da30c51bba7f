// Node-API's peer of `settle`: N deferred promises resolved from 8 native threads through ONE
// unbounded threadsafe function (a bounded one deadlocks on node 20 with blocking calls from many
// threads, nodejs/node#58723); call_js runs napi_resolve_deferred on the main thread. run(n)
// returns a promise resolved when all n are resolved.
#include <node/node_api.h>

#include <atomic>
#include <cstdint>
#include <thread>
#include <vector>

namespace {

struct Run {
    std::vector<napi_deferred> deferreds;
    napi_deferred done = nullptr;
    napi_threadsafe_function tsfn = nullptr;
    std::vector<std::thread> threads;
    size_t resolved = 0;
};

void call_js(napi_env env, napi_value, void* context, void* data) {
    auto* run = static_cast<Run*>(context);
    const size_t index = reinterpret_cast<uintptr_t>(data);
    napi_value value;
    napi_create_int32(env, static_cast<int32_t>(index), &value);
    napi_resolve_deferred(env, run->deferreds[index], value);
    if (++run->resolved == run->deferreds.size()) {
        for (auto& thread : run->threads) {
            thread.join();
        }
        napi_release_threadsafe_function(run->tsfn, napi_tsfn_release);
        napi_value undefined;
        napi_get_undefined(env, &undefined);
        napi_resolve_deferred(env, run->done, undefined);
        delete run;
    }
}

napi_value run_settle(napi_env env, napi_callback_info info) {
    size_t argc = 1;
    napi_value argv[1];
    napi_get_cb_info(env, info, &argc, argv, nullptr, nullptr);
    int64_t count = 0;
    napi_get_value_int64(env, argv[0], &count);
    auto* run = new Run();
    run->deferreds.resize(static_cast<size_t>(count));
    for (auto& deferred : run->deferreds) {
        napi_value promise;
        napi_create_promise(env, &deferred, &promise);
    }
    napi_value done_promise;
    napi_create_promise(env, &run->done, &done_promise);
    napi_value name;
    napi_create_string_utf8(env, "settle", NAPI_AUTO_LENGTH, &name);
    napi_create_threadsafe_function(env, nullptr, nullptr, name, 0 /* unbounded */, 1, nullptr,
                                    nullptr, run, call_js, &run->tsfn);
    constexpr int kThreads = 8;
    for (int t = 0; t < kThreads; ++t) {
        run->threads.emplace_back([run, t, count] {
            for (int64_t i = t; i < count; i += kThreads) {
                napi_call_threadsafe_function(run->tsfn, reinterpret_cast<void*>(uintptr_t(i)),
                                              napi_tsfn_blocking);
            }
        });
    }
    return done_promise;
}

napi_value init(napi_env env, napi_value exports) {
    napi_value fn;
    napi_create_function(env, "run", NAPI_AUTO_LENGTH, run_settle, nullptr, &fn);
    napi_set_named_property(env, exports, "run", fn);
    return exports;
}

} // namespace

NAPI_MODULE(NODE_GYP_MODULE_NAME, init)
