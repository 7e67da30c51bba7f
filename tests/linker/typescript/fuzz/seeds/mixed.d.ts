type H = number | bigint;
export declare function js_a(this: void, a?: H, ...r: (Uint8Array | null)[]): Promise<string>;
export function js_b(x): void;
