/* libuv's peer of spawn-roundtrip: uv_queue_work of an empty task, the next one submitted from
 * the after-work callback on the loop thread, so each round trip is submit, run, deliver.
 * Prints ns per round trip. */
#include <stdio.h>
#include <stdlib.h>
#include <uv.h>

static long g_left;
static uv_work_t g_request;

static void empty_work(uv_work_t* request) {
    (void)request;
}

static void after_work(uv_work_t* request, int status) {
    (void)status;
    if (--g_left > 0) {
        uv_queue_work(uv_default_loop(), request, empty_work, after_work);
    }
}

int main(int argc, char** argv) {
    const long iterations = argc > 1 ? atol(argv[1]) : 20000;
    g_left = iterations;
    const uint64_t start = uv_hrtime();
    uv_queue_work(uv_default_loop(), &g_request, empty_work, after_work);
    uv_run(uv_default_loop(), UV_RUN_DEFAULT);
    printf("%.2f\n", (double)(uv_hrtime() - start) / (double)iterations);
    return 0;
}
