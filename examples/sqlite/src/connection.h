// The SQLite side of the binding: connections, statements and their results as plain C++ data.
// Nothing here touches the Perry heap, so a query can run on a blocking-pool worker and hand
// its rows to the main thread, which turns them into JavaScript values (values.h).
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace sqlite_example {

// One SQL value: a parameter to bind or a column of a result row.
struct Cell {
    enum class Type { Null, Integer, Real, Text, Blob };
    Type type = Type::Null;
    int64_t integer = 0;
    double real = 0;
    std::string bytes; // Text (UTF-8) or Blob
};

// A failure: SQLite's result code and its message (sqlite3_errmsg of the connection).
struct SqlError {
    int code = SQLITE_OK;
    std::string message;
};

struct QueryResult {
    std::vector<std::string> columns;
    std::vector<std::vector<Cell>> rows;
    SqlError error; // code SQLITE_OK when the query succeeded
};

// An open database. The connection is shared: a query running on a worker keeps it open even
// if JavaScript closes the handle meanwhile (the last owner closes it). The mutex makes each
// operation, with the error message it reads, one unit, whatever thread runs it.
class Connection {
  public:
    // Opens (creating it if needed) the database at `path` (":memory:" for a private one).
    static std::shared_ptr<Connection> open(const std::string& path, SqlError& error);
    ~Connection();
    Connection(const Connection&) = delete;
    Connection& operator=(const Connection&) = delete;

    // Runs one or more statements, discarding rows; returns the number of rows they changed.
    int64_t exec(const std::string& sql, SqlError& error);
    // Runs one statement with positional parameters (?1, ?2, ... or ?) and collects its rows.
    QueryResult query(const std::string& sql, const std::vector<Cell>& params);

  private:
    explicit Connection(sqlite3* db) : db_(db) {}
    SqlError last_error(int code) const;

    sqlite3* db_;
    std::mutex mutex_;
};

// "SQLITE_CONSTRAINT" for SQLITE_CONSTRAINT_PRIMARYKEY: the primary code's name.
const char* result_code_name(int code);

} // namespace sqlite_example
