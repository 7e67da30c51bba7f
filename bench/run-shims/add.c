/* The bound function of the shim-call benchmark, in its own translation unit (and archive) so
 * neither side can inline it. */
double js_bench_add(double a, double b);
double js_bench_add(double a, double b) {
    return a + b;
}
