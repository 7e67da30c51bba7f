// run_process on Boost.Process (v1): the program in a process group of its own, both output
// pipes read asynchronously on one Asio loop (so neither pipe can fill up and block the program
// while we wait on the other), a timer for the timeout. Boost.Process stays inside this file: its
// headers cost seconds per translation unit.
#include "perry/linker/process.h"

#include "perry/platform/files.h"
#include "perry/platform/input_file.h"
#include "perry/platform/interrupts.h"
#include "perry/platform/process.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/process/args.hpp>
#include <boost/process/async_pipe.hpp>
#include <boost/process/child.hpp>
#include <boost/process/env.hpp>
#include <boost/process/environment.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/group.hpp>
#include <boost/process/io.hpp>
#include <boost/process/start_dir.hpp>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <type_traits>

namespace perry::linker {
namespace {

namespace bp = boost::process;
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

// A group's id (POSIX) or job handle (Windows), as the platform layer takes it.
template <typename Handle> platform::ProcessGroup as_process_group(Handle handle) {
    if constexpr (std::is_pointer_v<Handle>)
        return reinterpret_cast<platform::ProcessGroup>(handle);
    else
        return static_cast<platform::ProcessGroup>(handle);
}

bool is_executable(const std::string& path) {
    return platform::is_executable_file(path.c_str());
}

// The log file, not inherited by the programs we start.
class LogFile {
  public:
    explicit LogFile(const std::string& path) {
        if (!path.empty())
            file_.emplace(path.c_str());
    }
    bool failed() const { return file_ && !file_->ok(); }
    void write(const char* data, std::size_t size) {
        if (file_ && file_->ok())
            file_->write(data, size);
    }

  private:
    std::optional<platform::AppendFile> file_;
};

// One output pipe of the program, read until it closes.
struct Reader {
    Reader(asio::io_context& io, OutputStream which, std::string& sink)
        : pipe(io), stream(which), kept(sink) {}
    bp::async_pipe pipe;
    OutputStream stream;
    std::string& kept;
    std::string partial_line;
    std::array<char, 65536> buffer{};
    bool open = true;
};

class Run {
  public:
    Run(const ProcessOptions& options, ProcessResult& result, LogFile& log)
        : options_(options), result_(result), log_(log), out_(io_, OutputStream::Out, result.out),
          err_(io_, OutputStream::Err, result.err), deadline_timer_(io_), poll_timer_(io_) {}

    void start(const std::string& program, const std::vector<std::string>& args) {
        bp::environment environment = boost::this_process::environment();
        if (!options_.inherit_environment)
            environment.clear();
        for (const auto& [key, value] : options_.env)
            // set(), not operator[]: Boost 1.74's find() reads past the end of entries shorter
            // than the key (AddressSanitizer reports it).
            environment.set(key, value);
        const std::string cwd =
            options_.cwd.empty() ? std::filesystem::current_path().string() : options_.cwd;
        std::error_code ec;
        child_ = bp::child(bp::exe = program, bp::args = args,
                           bp::std_in<bp::null, bp::std_out> out_.pipe, bp::std_err > err_.pipe,
                           bp::env = environment, bp::start_dir = cwd, group_, ec);
        if (ec) {
            result_.error = "cannot run `" + program + "`: " + ec.message();
            return;
        }
        result_.started = true;
        forwarding_.forward_to(group_handle());
    }

    void wait() {
        started_at_ = Clock::now();
        read(out_);
        read(err_);
        if (options_.timeout) {
            deadline_timer_.expires_after(*options_.timeout);
            deadline_timer_.async_wait([this](const boost::system::error_code& ec) {
                if (!ec)
                    end_group(/*timed_out=*/true);
            });
        }
        poll();
        io_.run();
        std::error_code ec;
        child_.wait(ec);
        result_.exit_code = child_.exit_code();
        // Boost.Process reports a signalled child with the signal number as its native status.
        const int status = child_.native_exit_code();
        if (WIFSIGNALED(status))
            result_.exit_code = 128 + WTERMSIG(status);
        result_.interrupted_by = platform::InterruptForwarding::received();
        // What the program started and left running (a compiler-cache server) may stay.
        group_.detach();
    }

  private:
    void read(Reader& reader) {
        reader.pipe.async_read_some(
            asio::buffer(reader.buffer),
            [this, &reader](const boost::system::error_code& ec, std::size_t size) {
                if (size > 0)
                    deliver(reader, reader.buffer.data(), size);
                if (ec) {
                    close(reader);
                    return;
                }
                read(reader);
            });
    }

    void deliver(Reader& reader, const char* data, std::size_t size) {
        if (reader.stream == OutputStream::Err || options_.log_stdout)
            log_.write(data, size);
        if (options_.keep_output)
            reader.kept.append(data, size);
        if (!options_.on_line)
            return;
        reader.partial_line.append(data, size);
        std::size_t start = 0;
        for (std::size_t nl; (nl = reader.partial_line.find('\n', start)) != std::string::npos;
             start = nl + 1) {
            options_.on_line(reader.stream,
                             std::string_view(reader.partial_line).substr(start, nl - start));
        }
        reader.partial_line.erase(0, start);
    }

    void close(Reader& reader) {
        if (!reader.open)
            return;
        reader.open = false;
        if (options_.on_line && !reader.partial_line.empty()) {
            options_.on_line(reader.stream, reader.partial_line);
        }
        boost::system::error_code ignored;
        reader.pipe.close(ignored);
        if (out_.open || err_.open)
            return;
        std::error_code running_ec;
        if (child_.running(running_ec)) {
            poll(); // the program closed its output but still runs: watch it closely
        } else {
            finish();
        }
    }

    void finish() {
        deadline_timer_.cancel();
        poll_timer_.cancel();
    }

    // Every 50 ms (2 ms once the pipes are closed): a program that has exited while something it
    // started still holds the pipes (a compiler-cache server, say) must not keep us waiting; an
    // ended group that ignores SIGTERM gets SIGKILL after the grace period.
    void poll() {
        const bool pipes_open = out_.open || err_.open;
        poll_timer_.expires_after(std::chrono::milliseconds(pipes_open ? 50 : 2));
        poll_timer_.async_wait([this](const boost::system::error_code& ec) {
            if (ec)
                return;
            if (platform::InterruptForwarding::received() != 0 && !ending_) {
                ending_ = true;
                ending_since_ = Clock::now();
            }
            if (ending_ && !killed_ && Clock::now() - ending_since_ >= options_.kill_grace) {
                platform::end_process_group(group_handle(), true);
                killed_ = true;
            }
            std::error_code running_ec;
            if (!child_.running(running_ec)) {
                if (!out_.open && !err_.open) {
                    finish();
                    return;
                }
                if (++polls_after_exit_ >= 4) { // 200 ms to drain what is left in the pipes
                    close(out_);
                    close(err_);
                    return;
                }
            }
            poll();
        });
    }

    platform::ProcessGroup group_handle() { return as_process_group(group_.native_handle()); }

    void end_group(bool timed_out) {
        result_.timed_out = timed_out;
        ending_ = true;
        ending_since_ = Clock::now();
        platform::end_process_group(group_handle(), false);
    }

    const ProcessOptions& options_;
    ProcessResult& result_;
    LogFile& log_;
    asio::io_context io_;
    Reader out_;
    Reader err_;
    asio::steady_timer deadline_timer_;
    asio::steady_timer poll_timer_;
    bp::group group_;
    bp::child child_;
    platform::InterruptForwarding forwarding_;
    Clock::time_point started_at_;
    Clock::time_point ending_since_;
    bool ending_ = false;
    bool killed_ = false;
    int polls_after_exit_ = 0;
};

} // namespace

std::optional<std::string> find_program(const std::string& name,
                                        const std::vector<std::string>& extra_dirs) {
    if (name.find('/') != std::string::npos) {
        return is_executable(name) ? std::optional<std::string>(name) : std::nullopt;
    }
    std::vector<std::string> dirs;
    if (const char* path = std::getenv("PATH")) {
        std::string all(path);
        std::size_t start = 0;
        while (start <= all.size()) {
            const std::size_t colon = all.find(platform::kPathListSeparator, start);
            const std::size_t end = colon == std::string::npos ? all.size() : colon;
            dirs.push_back(end > start ? all.substr(start, end - start) : ".");
            start = end + 1;
        }
    }
    dirs.insert(dirs.end(), extra_dirs.begin(), extra_dirs.end());
    for (const std::string& dir : dirs) {
        const std::string candidate = dir + "/" + name;
        if (is_executable(candidate))
            return candidate;
    }
    return std::nullopt;
}

std::string output_tail(const std::string& text, std::size_t count) {
    std::size_t end = text.size();
    while (end > 0 && text[end - 1] == '\n')
        --end;
    std::size_t pos = end;
    for (std::size_t found = 0; pos > 0; --pos) {
        if (text[pos - 1] == '\n' && ++found == count)
            break;
    }
    return text.substr(pos, end - pos);
}

std::string command_line(const std::vector<std::string>& argv) {
    std::string line;
    for (const std::string& arg : argv) {
        if (!line.empty())
            line += ' ';
        const bool quote = arg.empty() || arg.find_first_of(" \t\"'") != std::string::npos;
        line += quote ? "'" + arg + "'" : arg;
    }
    return line;
}

ProcessResult run_process(const std::vector<std::string>& argv, const ProcessOptions& options) {
    ProcessResult result;
    if (argv.empty()) {
        result.error = "no program given";
        return result;
    }
    const std::optional<std::string> program = find_program(argv[0]);
    if (!program) {
        result.error = "`" + argv[0] + "` not found on PATH";
        return result;
    }
    LogFile log(options.log_file);
    if (log.failed()) {
        result.error =
            "cannot write the log file " + options.log_file + ": " + std::strerror(errno);
        return result;
    }
    try {
        Run run(options, result, log);
        run.start(*program, std::vector<std::string>(argv.begin() + 1, argv.end()));
        if (result.started)
            run.wait();
    } catch (const std::exception& failure) {
        // Boost.Process and Asio report resource exhaustion (no pipes, no processes) this way.
        if (!result.started)
            result.error = "cannot run `" + *program + "`: " + failure.what();
    }
    return result;
}

} // namespace perry::linker
