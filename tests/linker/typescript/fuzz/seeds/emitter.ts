// The TypeScript surface user code imports; each wrapper calls the symbol its manifest declares.
declare function js_emitter_on(event: string, listener: unknown): number;
declare function js_emitter_on_counter(event: string): number;
declare function js_emitter_emit(event: string, value: unknown): number;
declare function js_emitter_off(event: string): number;
declare function js_emitter_count(event: string): number;
declare function js_emitter_last(event: string): unknown;
declare function js_emitter_collect(): number;

/** Adds a listener; returns the event's listener count. The emitter keeps the function alive
 * until `off` removes it. Throws a TypeError for a value that is not a function. */
export function on(event: string, listener: (value: unknown) => void): number {
  return js_emitter_on(event, listener);
}

/** Calls each listener of `event` with `value`, in order; returns how many were called. A
 * listener that throws stops the emit, and the exception propagates. */
export function emit(event: string, value?: unknown): number {
  return js_emitter_emit(event, value);
}

/** Removes every listener of `event`; returns how many. */
export function off(event: string): number {
  return js_emitter_off(event);
}

/** Adds a listener implemented in native code that counts its calls (see `count`, `last`). */
export function onCounter(event: string): number {
  return js_emitter_on_counter(event);
}

/** Calls received by the counting listeners of `event`. */
export function count(event: string): number {
  return js_emitter_count(event);
}

/** The value a counting listener of `event` last received. */
export function last(event: string): unknown {
  return js_emitter_last(event);
}

/** Collects garbage now; returns how many registered listeners are still alive (all of them:
 * the emitter's root scanner keeps them). */
export function collect(): number {
  return js_emitter_collect();
}
