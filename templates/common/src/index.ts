// {{PACKAGE_NAME}}: the TypeScript surface that user code imports.
//
// Each `declare function` names one symbol of package.json's perry.nativeLibrary.functions, with
// the TypeScript types of its manifest types. Perry dispatches a native call on the identifier at
// the call site, so each exported wrapper calls the js_* name itself.
declare function {{HELLO_SYMBOL}}(name: string): string;

/** Returns "Hello, <name>!". */
export function hello(name: string): string {
  return {{HELLO_SYMBOL}}(name);
}
