// The TypeScript surface user code imports; each wrapper calls the symbol its manifest declares.
declare function js_hello_greet(name: string): string;
declare function js_hello_add(a: number, b: number): number;
declare function js_hello_counter_new(): number;
declare function js_hello_counter_increment(handle: number): number;
declare function js_hello_counter_free(handle: number): void;
declare function js_hello_sum_async(a: number, b: number): Promise<number>;

export function greet(name: string): string {
  return js_hello_greet(name);
}

export function add(a: number, b: number): number {
  return js_hello_add(a, b);
}

export class Counter {
  private readonly handle = js_hello_counter_new();
  increment(): number {
    return js_hello_counter_increment(this.handle);
  }
  free(): void {
    js_hello_counter_free(this.handle);
  }
}

export function sumAsync(a: number, b: number): Promise<number> {
  return js_hello_sum_async(a, b);
}
