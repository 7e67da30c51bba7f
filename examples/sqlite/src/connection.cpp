#include "connection.h"

namespace sqlite_example {
namespace {

// Finalizes a statement on every path out of query().
struct StatementCloser {
    void operator()(sqlite3_stmt* statement) const { sqlite3_finalize(statement); }
};
using Statement = std::unique_ptr<sqlite3_stmt, StatementCloser>;

int bind(sqlite3_stmt* statement, int index, const Cell& cell) {
    switch (cell.type) {
    case Cell::Type::Null:
        return sqlite3_bind_null(statement, index);
    case Cell::Type::Integer:
        return sqlite3_bind_int64(statement, index, cell.integer);
    case Cell::Type::Real:
        return sqlite3_bind_double(statement, index, cell.real);
    case Cell::Type::Text:
        return sqlite3_bind_text64(statement, index, cell.bytes.data(), cell.bytes.size(),
                                   SQLITE_TRANSIENT, SQLITE_UTF8);
    case Cell::Type::Blob:
        return sqlite3_bind_blob64(statement, index, cell.bytes.data(), cell.bytes.size(),
                                   SQLITE_TRANSIENT);
    }
    return SQLITE_MISUSE;
}

Cell column(sqlite3_stmt* statement, int index) {
    Cell cell;
    switch (sqlite3_column_type(statement, index)) {
    case SQLITE_INTEGER:
        cell.type = Cell::Type::Integer;
        cell.integer = sqlite3_column_int64(statement, index);
        break;
    case SQLITE_FLOAT:
        cell.type = Cell::Type::Real;
        cell.real = sqlite3_column_double(statement, index);
        break;
    case SQLITE_TEXT: {
        cell.type = Cell::Type::Text;
        const auto* text = sqlite3_column_text(statement, index);
        cell.bytes.assign(reinterpret_cast<const char*>(text),
                          static_cast<size_t>(sqlite3_column_bytes(statement, index)));
        break;
    }
    case SQLITE_BLOB: {
        cell.type = Cell::Type::Blob;
        const void* blob = sqlite3_column_blob(statement, index);
        const int size = sqlite3_column_bytes(statement, index);
        if (size > 0)
            cell.bytes.assign(static_cast<const char*>(blob), static_cast<size_t>(size));
        break;
    }
    default:
        break; // SQLITE_NULL
    }
    return cell;
}

} // namespace

std::shared_ptr<Connection> Connection::open(const std::string& path, SqlError& error) {
    sqlite3* db = nullptr;
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX;
    const int rc = sqlite3_open_v2(path.c_str(), &db, flags, nullptr);
    if (rc != SQLITE_OK) {
        error = {rc, db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc)};
        sqlite3_close_v2(db);
        return nullptr;
    }
    sqlite3_extended_result_codes(db, 1);
    return std::shared_ptr<Connection>(new Connection(db));
}

Connection::~Connection() {
    sqlite3_close_v2(db_);
}

SqlError Connection::last_error(int code) const {
    return {code, sqlite3_errmsg(db_)};
}

int64_t Connection::exec(const std::string& sql, SqlError& error) {
    std::lock_guard<std::mutex> lock(mutex_);
    const int64_t before = sqlite3_total_changes64(db_);
    const int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK) {
        error = last_error(rc);
        return 0;
    }
    return sqlite3_total_changes64(db_) - before;
}

QueryResult Connection::query(const std::string& sql, const std::vector<Cell>& params) {
    std::lock_guard<std::mutex> lock(mutex_);
    QueryResult result;
    sqlite3_stmt* raw = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &raw, &tail);
    Statement statement(raw);
    if (rc != SQLITE_OK) {
        result.error = last_error(rc);
        return result;
    }
    if (!statement) {
        result.error = {SQLITE_MISUSE, "the SQL text holds no statement"};
        return result;
    }
    for (const char* rest = tail; *rest != '\0'; ++rest) {
        if (*rest != ' ' && *rest != '\t' && *rest != '\n' && *rest != '\r' && *rest != ';') {
            result.error = {SQLITE_MISUSE, "query runs one statement; use exec for several"};
            return result;
        }
    }
    const int expected = sqlite3_bind_parameter_count(statement.get());
    if (static_cast<size_t>(expected) != params.size()) {
        result.error = {SQLITE_RANGE, "the statement has " + std::to_string(expected) +
                                          " parameters but " + std::to_string(params.size()) +
                                          " values were given"};
        return result;
    }
    for (size_t i = 0; i < params.size(); ++i) {
        rc = bind(statement.get(), static_cast<int>(i + 1), params[i]);
        if (rc != SQLITE_OK) {
            result.error = last_error(rc);
            return result;
        }
    }
    const int columns = sqlite3_column_count(statement.get());
    for (int i = 0; i < columns; ++i)
        result.columns.emplace_back(sqlite3_column_name(statement.get(), i));
    while ((rc = sqlite3_step(statement.get())) == SQLITE_ROW) {
        std::vector<Cell> row;
        row.reserve(static_cast<size_t>(columns));
        for (int i = 0; i < columns; ++i)
            row.push_back(column(statement.get(), i));
        result.rows.push_back(std::move(row));
    }
    if (rc != SQLITE_DONE) {
        result.error = last_error(rc);
        result.rows.clear();
    }
    return result;
}

const char* result_code_name(int code) {
    switch (code & 0xff) {
    case SQLITE_ERROR:
        return "SQLITE_ERROR";
    case SQLITE_INTERNAL:
        return "SQLITE_INTERNAL";
    case SQLITE_PERM:
        return "SQLITE_PERM";
    case SQLITE_ABORT:
        return "SQLITE_ABORT";
    case SQLITE_BUSY:
        return "SQLITE_BUSY";
    case SQLITE_LOCKED:
        return "SQLITE_LOCKED";
    case SQLITE_NOMEM:
        return "SQLITE_NOMEM";
    case SQLITE_READONLY:
        return "SQLITE_READONLY";
    case SQLITE_INTERRUPT:
        return "SQLITE_INTERRUPT";
    case SQLITE_IOERR:
        return "SQLITE_IOERR";
    case SQLITE_CORRUPT:
        return "SQLITE_CORRUPT";
    case SQLITE_NOTFOUND:
        return "SQLITE_NOTFOUND";
    case SQLITE_FULL:
        return "SQLITE_FULL";
    case SQLITE_CANTOPEN:
        return "SQLITE_CANTOPEN";
    case SQLITE_PROTOCOL:
        return "SQLITE_PROTOCOL";
    case SQLITE_SCHEMA:
        return "SQLITE_SCHEMA";
    case SQLITE_TOOBIG:
        return "SQLITE_TOOBIG";
    case SQLITE_CONSTRAINT:
        return "SQLITE_CONSTRAINT";
    case SQLITE_MISMATCH:
        return "SQLITE_MISMATCH";
    case SQLITE_MISUSE:
        return "SQLITE_MISUSE";
    case SQLITE_NOLFS:
        return "SQLITE_NOLFS";
    case SQLITE_AUTH:
        return "SQLITE_AUTH";
    case SQLITE_RANGE:
        return "SQLITE_RANGE";
    case SQLITE_NOTADB:
        return "SQLITE_NOTADB";
    default:
        return "SQLITE_ERROR";
    }
}

} // namespace sqlite_example
