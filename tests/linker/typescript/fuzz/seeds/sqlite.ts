// The TypeScript surface user code imports; each wrapper calls the symbol its manifest declares.
declare function js_sqlite_open(path: string): number;
declare function js_sqlite_exec(db: number, sql: string): number;
declare function js_sqlite_query(db: number, sql: string, params: unknown): unknown;
declare function js_sqlite_query_async(db: number, sql: string, params: unknown): Promise<unknown>;
declare function js_sqlite_close(db: number): void;

/** A SQL value: INTEGER as a number (a bigint beyond 2^53), REAL, TEXT, BLOB (a Buffer), NULL. */
export type SqlValue = number | bigint | string | Buffer | null;
export type Row = Record<string, SqlValue>;
/** Parameters bind to `?` in order; booleans bind as 1 and 0. */
export type Param = SqlValue | boolean | Uint8Array;

/** A connection. SQL errors throw an Error whose `code` names SQLite's result code
 * ("SQLITE_ERROR", "SQLITE_CONSTRAINT", ...); a closed database throws ERR_SQLITE_CLOSED. */
export class Database {
  private readonly handle: number;

  /** Opens (creating if needed) the database file; ":memory:" for a private in-memory one. */
  constructor(path: string) {
    this.handle = js_sqlite_open(path);
  }

  /** Runs one or more statements that return no rows; returns the number of rows changed. */
  exec(sql: string): number {
    return js_sqlite_exec(this.handle, sql);
  }

  /** The rows of one statement, as objects keyed by column name. */
  query(sql: string, params: Param[] = []): Row[] {
    return js_sqlite_query(this.handle, sql, params) as Row[];
  }

  /** The same, run on the blocking pool; SQL errors reject the promise. */
  queryAsync(sql: string, params: Param[] = []): Promise<Row[]> {
    return js_sqlite_query_async(this.handle, sql, params) as Promise<Row[]>;
  }

  close(): void {
    js_sqlite_close(this.handle);
  }
}
