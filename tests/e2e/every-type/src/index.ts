// The binding's functions as a Perry program imports them: one declaration per manifest entry,
// in the TypeScript types of the type table (docs/resolver/types.md).
export declare function js_every_echo_string(text: string): string;
export declare function js_every_double_number(x: number): number;
export declare function js_every_echo_i32(x: number): number;
export declare function js_every_next_i64(x: number | bigint): number;
export declare function js_every_i64_text(x: number | bigint): string;
export declare function js_every_not(x: boolean): boolean;
export declare function js_every_first_byte(bytes: Uint8Array | null): number;
export declare function js_every_half_f64(x: number): number;
export declare function js_every_json_text(value: unknown): string;
export declare function js_every_type_of(value: unknown): string;
export declare function js_every_byte_sum(bytes: Uint8Array): number;
export declare function js_every_reversed(bytes: Uint8Array): Buffer;
export declare function js_every_pair(name: string, x: number): unknown;
export declare function js_every_nothing(): void;
export declare function js_every_fail(message: string): void;
export declare function js_every_sum_async(a: number, b: number): Promise<unknown>;
export declare function js_every_fail_async(message: string): Promise<unknown>;
export declare function js_every_counter_new(start: number): number;
export declare function js_every_counter_add(counter: number | bigint, x: number): number;
export declare function js_every_counter_free(counter: number | bigint): boolean;
export declare function js_every_apply_twice(x: number): number;
