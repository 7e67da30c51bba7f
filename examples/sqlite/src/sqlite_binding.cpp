// @perry/sqlite: SQLite databases for Perry programs, over the system libsqlite3.
//
// A database is a handle (an int64 id) whose native object shares the connection. Synchronous
// calls run on the main thread; query_async runs the statement on the blocking pool and builds
// the rows on the main thread when the task is delivered, so the worker never touches the heap.
#include "connection.h"
#include "values.h"

#include <perry/ffi.hpp>
// The prototypes of package.json's functions (generated at build time).
#include "perry_signatures.h"

#include <memory>
#include <string>
#include <utility>

using sqlite_example::Cell;
using sqlite_example::Connection;
using sqlite_example::QueryResult;
using sqlite_example::SqlError;

namespace {

// What a handle id stands for.
struct Database {
    std::shared_ptr<Connection> connection;
};

std::string string_argument(const PerryStringHeader* header) {
    if (header == nullptr)
        throw perry::TypeError("expected a string", "ERR_INVALID_ARG_TYPE");
    return std::string(perry_string_header_bytes(header), header->byte_len);
}

// The connection of a live handle. A closed, stale or foreign id is an Error, never a crash:
// handle ids carry a generation, so a closed database's id never reaches a newer one.
std::shared_ptr<Connection> connection_of(int64_t handle) {
    Database* database = perry::get_handle<Database>(handle);
    if (database == nullptr) {
        throw perry::Error("database handle " + std::to_string(handle) +
                               " is closed or was never opened",
                           "ERR_SQLITE_CLOSED");
    }
    return database->connection;
}

PerryValue rows_or_throw(const QueryResult& result) {
    if (result.error.code != SQLITE_OK)
        throw sqlite_example::sql_error(result.error);
    return sqlite_example::rows_to_value(result);
}

// The state of one query_async call, owned by the task: the inputs are plain copies made on
// the main thread; the worker fills `result`.
struct AsyncQuery {
    std::shared_ptr<Connection> connection;
    std::string sql;
    std::vector<Cell> params;
    QueryResult result;
};

void run_async_query(void* context) {
    auto* query = static_cast<AsyncQuery*>(context);
    query->result = query->connection->query(query->sql, query->params);
}

// On the main thread after the worker: builds the rows (resolving the promise) or throws the
// SQL error (rejecting it).
PerryValue complete_async_query(void* context, PerryStatus status) {
    std::unique_ptr<AsyncQuery> query(static_cast<AsyncQuery*>(context));
    if (status != PERRY_OK)
        return PERRY_UNDEFINED; // the runtime is shutting down
    return perry::guard([&] { return rows_or_throw(query->result); });
}

} // namespace

// `open(path: string): Database`: ":memory:" for a private in-memory database.
extern "C" int64_t js_sqlite_open(const PerryStringHeader* path) {
    return perry::guard([&] {
        SqlError error;
        std::shared_ptr<Connection> connection = Connection::open(string_argument(path), error);
        if (!connection)
            throw sqlite_example::sql_error(error);
        return perry::make_handle<Database>(Database{std::move(connection)});
    });
}

// `db.exec(sql: string): number`: one or more statements, no rows; the number of rows changed.
extern "C" double js_sqlite_exec(int64_t handle, const PerryStringHeader* sql) {
    return perry::guard([&] {
        SqlError error;
        const int64_t changes = connection_of(handle)->exec(string_argument(sql), error);
        if (error.code != SQLITE_OK)
            throw sqlite_example::sql_error(error);
        return static_cast<double>(changes);
    });
}

// `db.query(sql: string, params?: unknown[]): object[]`: the rows of one statement.
extern "C" double js_sqlite_query(int64_t handle, const PerryStringHeader* sql, double params) {
    return perry::guard([&] {
        const std::vector<Cell> cells =
            sqlite_example::params_from_value(perry_value_from_abi(params));
        const QueryResult result = connection_of(handle)->query(string_argument(sql), cells);
        return perry_value_to_abi(rows_or_throw(result));
    });
}

// `db.queryAsync(sql: string, params?: unknown[]): Promise<object[]>`: the same on the blocking
// pool. Argument errors throw at once; SQL errors reject the promise.
extern "C" PerryValue js_sqlite_query_async(int64_t handle, const PerryStringHeader* sql,
                                            double params) {
    return perry::guard([&] {
        auto query = std::make_unique<AsyncQuery>();
        query->params = sqlite_example::params_from_value(perry_value_from_abi(params));
        query->connection = connection_of(handle);
        query->sql = string_argument(sql);
        const PerryValue promise =
            perry_spawn_blocking_deferred(run_async_query, complete_async_query, query.get());
        if (promise == PERRY_UNDEFINED)
            throw perry::status_error(perry_last_status());
        query.release(); // the task owns it now; complete_async_query frees it
        return promise;
    });
}

// `db.close(): void`. The connection closes once no query_async still runs on it. Closing twice
// throws ERR_SQLITE_CLOSED, like any use of a closed handle.
extern "C" void js_sqlite_close(int64_t handle) {
    perry::guard([&] {
        connection_of(handle); // the error for a closed or foreign handle
        perry::drop_handle<Database>(handle);
    });
}
