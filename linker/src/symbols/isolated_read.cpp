#include "isolated_read.h"

#include "listing_storage.h"

#include <llvm/Support/ErrorHandling.h>

#include "perry/platform/isolation.h"

#include <cstring>
#include <memory>

// Set by the sanitizer runtimes (libFuzzer installs one that writes a crash artifact); null in
// plain builds.
extern "C" void __sanitizer_set_death_callback(void (*callback)(void)) __attribute__((weak));

namespace perry::linker::detail {
namespace {

// Wire format, child to parent, one member after the other:
//   'M'                                                   a member starts
//   'S' kind:u8 format:u8 code:u8 len:u32 name           one defined global
//   'O' status:u8 format:u8 len:u32 error                 the member's outcome
//   'F' len:u32 reason                                    LLVM gave up (fatal error)
constexpr std::size_t kFlushAt = 1 << 16;

class Writer {
  public:
    explicit Writer(int fd) : fd_(fd) {}
    void tag(char t) { buffer_ += t; }
    void byte(std::uint8_t b) { buffer_ += static_cast<char>(b); }
    void text(std::string_view s) {
        const auto length = static_cast<std::uint32_t>(s.size());
        buffer_.append(reinterpret_cast<const char*>(&length), sizeof length);
        buffer_.append(s.data(), s.size());
    }
    bool flush() {
        if (!platform::write_all(fd_, buffer_.data(), buffer_.size()))
            return false;
        buffer_.clear();
        return true;
    }
    bool flush_if_full() { return buffer_.size() < kFlushAt || flush(); }

  private:
    int fd_;
    std::string buffer_;
};

Writer* g_writer = nullptr; // the child's writer, for the fatal error handler

// Runs in the child when LLVM gives up: report the reason, leave without unwinding.
void on_fatal_error(void*, const char* reason, bool) {
    g_writer->tag('F');
    g_writer->text(reason != nullptr ? reason : "unknown error");
    g_writer->flush();
    platform::leave_child(3);
}

[[noreturn]] void run_child(int fd, const std::vector<MemberInput>& members, std::size_t from) {
    // A crash here is an expected outcome the parent reports; libFuzzer must not record it as a
    // crash of the fuzz target.
    if (&__sanitizer_set_death_callback != nullptr)
        __sanitizer_set_death_callback(nullptr);
    Writer writer(fd);
    g_writer = &writer;
    llvm::install_fatal_error_handler(on_fatal_error, nullptr);
    std::vector<DefinedSymbol> symbols;
    ListingStorage names; // names LLVM writes out; this process ends after sending them
    for (std::size_t i = from; i < members.size(); ++i) {
        writer.tag('M');
        // Flushed before parsing, so the parent knows which member a crash belongs to.
        if (!writer.flush())
            platform::leave_child(4);
        symbols.clear();
        const ObjectOutcome outcome = read_object_symbols(members[i].bytes, members[i].name,
                                                          members[i].index, symbols, names);
        for (const DefinedSymbol& s : symbols) {
            writer.tag('S');
            writer.byte(static_cast<std::uint8_t>(s.kind));
            writer.byte(static_cast<std::uint8_t>(s.format));
            writer.byte(s.code ? 1 : 0);
            writer.text(s.raw_name);
        }
        writer.tag('O');
        writer.byte(static_cast<std::uint8_t>(outcome.status));
        writer.byte(static_cast<std::uint8_t>(outcome.format));
        writer.text(outcome.error);
        if (!writer.flush_if_full())
            platform::leave_child(4);
    }
    platform::leave_child(writer.flush() ? 0 : 4);
}

struct ChildWork {
    const std::vector<MemberInput>* members;
    std::size_t from;
};

void child_main(int fd, void* context) {
    const auto* work = static_cast<const ChildWork*>(context);
    run_child(fd, *work->members, work->from);
}

class Reader {
  public:
    explicit Reader(const std::string& data) : data_(data) {}
    bool done() const { return at_ >= data_.size(); }
    bool tag(char& t) { return take(&t, 1); }
    bool byte(std::uint8_t& b) { return take(&b, 1); }
    // A view into the reply, which the caller keeps alive.
    bool text(std::string_view& s) {
        std::uint32_t length = 0;
        if (!take(&length, sizeof length) || data_.size() - at_ < length)
            return false;
        s = std::string_view(data_).substr(at_, length);
        at_ += length;
        return true;
    }
    bool text(std::string& s) {
        std::string_view view;
        if (!text(view))
            return false;
        s.assign(view);
        return true;
    }

  private:
    bool take(void* out, std::size_t n) {
        if (data_.size() - at_ < n)
            return false;
        std::memcpy(out, data_.data() + at_, n);
        at_ += n;
        return true;
    }
    const std::string& data_;
    std::size_t at_ = 0;
};

ObjectOutcome failed(std::string error) {
    ObjectOutcome outcome;
    outcome.status = ObjectOutcome::kFailed;
    outcome.error = std::move(error);
    return outcome;
}

// Decodes one child's stream into `results` (from member `next` on) and `out`. Returns the index
// of the member the child was reading when its stream ended, or members.size() when complete.
std::size_t decode(const std::string& data, const std::vector<MemberInput>& members,
                   std::size_t next, std::vector<MemberOutput>& results,
                   std::vector<DefinedSymbol>& out, std::string& fatal) {
    Reader reader(data);
    std::size_t current = next;
    bool open = false;
    char t = 0;
    while (!reader.done() && reader.tag(t)) {
        if (t == 'M') {
            if (open || current >= members.size())
                break;
            open = true;
            results[current].first = out.size();
        } else if (t == 'S' && open) {
            DefinedSymbol s;
            std::uint8_t kind = 0, format = 0, code = 0;
            if (!reader.byte(kind) || !reader.byte(format) || !reader.byte(code) ||
                !reader.text(s.raw_name)) {
                break;
            }
            s.kind = static_cast<SymbolKind>(kind);
            s.format = static_cast<ObjectFormat>(format);
            s.code = code != 0;
            s.member = members[current].index;
            out.push_back(s);
        } else if (t == 'O' && open) {
            std::uint8_t status = 0, format = 0;
            ObjectOutcome& outcome = results[current].outcome;
            if (!reader.byte(status) || !reader.byte(format) || !reader.text(outcome.error))
                break;
            outcome.status = static_cast<ObjectOutcome::Status>(status);
            outcome.format = static_cast<ObjectFormat>(format);
            results[current].count = out.size() - results[current].first;
            open = false;
            ++current;
        } else if (t == 'F') {
            reader.text(fatal);
            break;
        } else {
            break;
        }
    }
    if (open)
        out.resize(results[current].first); // drop a half-sent member
    return current;
}

} // namespace

std::vector<MemberOutput> read_members_isolated(const std::vector<MemberInput>& members,
                                                std::vector<DefinedSymbol>& out,
                                                ListingStorage& storage) {
    std::vector<MemberOutput> results(members.size());
    std::size_t next = 0;
    if (!platform::can_run_isolated()) {
        // No copy of the process to protect this one (Windows): read in place.
        for (std::size_t i = 0; i < members.size(); ++i) {
            results[i].first = out.size();
            results[i].outcome = read_object_symbols(members[i].bytes, members[i].name,
                                                     members[i].index, out, storage);
            results[i].count = out.size() - results[i].first;
        }
        return results;
    }
    while (next < members.size()) {
        ChildWork work{&members, next};
        platform::IsolatedRun run = platform::run_isolated(child_main, &work);
        if (!run.started) {
            for (; next < members.size(); ++next)
                results[next].outcome = failed(run.error);
            break;
        }
        auto reply = std::make_shared<const std::string>(std::move(run.output));
        const std::string& data = *reply;
        storage.own(reply); // the symbols' names view it
        std::string fatal;
        const std::size_t stopped = decode(data, members, next, results, out, fatal);
        if (stopped >= members.size())
            break;
        // The child died on member `stopped`: report it and go on with a fresh child.
        std::string why;
        if (!fatal.empty()) {
            why = "malformed object (LLVM: " + fatal + ")";
        } else if (run.signalled) {
            why = "malformed object: LLVM's reader crashed on it (signal " +
                  std::to_string(run.signal) + ")";
        } else {
            why = "malformed object: LLVM's reader stopped on it (exit " +
                  std::to_string(run.exit_code) + ")";
        }
        results[stopped].outcome = failed(why);
        results[stopped].first = out.size();
        results[stopped].count = 0;
        next = stopped + 1;
    }
    return results;
}

} // namespace perry::linker::detail
