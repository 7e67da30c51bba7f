// The TypeScript surface user code imports; each wrapper calls the symbol its manifest declares.
declare function js_dotenv_config(): number;
declare function js_dotenv_config_path(path: string): number;
declare function js_dotenv_parse(text: string): string;

/** Loads `.env` from the current directory into the environment; returns how many variables it
 * set (existing variables are never overwritten; no `.env` sets nothing). */
export function config(): number {
  return js_dotenv_config();
}

/** Loads the named file; throws an Error with code ENOENT when it does not exist. */
export function configPath(path: string): number {
  return js_dotenv_config_path(path);
}

/** The variables a .env text assigns (the last assignment of a key wins). Throws an Error with
 * code ERR_DOTENV_SYNTAX naming the line for text it cannot read. */
export function parse(text: string): Record<string, string> {
  return JSON.parse(js_dotenv_parse(text)) as Record<string, string>;
}
