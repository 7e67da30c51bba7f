#include "write_files.h"

#include "perry/platform/process.h"

#include <fstream>

namespace perry::linker::detail {
namespace {

namespace fs = std::filesystem;

// Creates `dir` and its missing parents, recording the ones it created (outermost first).
bool make_directories(const fs::path& dir, std::vector<fs::path>& created, std::error_code& ec) {
    std::vector<fs::path> missing;
    for (fs::path at = dir; !at.empty() && !fs::exists(at, ec); at = at.parent_path()) {
        missing.push_back(at);
        if (at == at.parent_path())
            break;
    }
    for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
        if (!fs::create_directory(*it, ec) && ec)
            return false;
        created.push_back(*it);
    }
    return true;
}

bool write_file(const fs::path& file, const std::string& contents) {
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(contents.data(), static_cast<std::streamsize>(contents.size()));
    out.close();
    return static_cast<bool>(out);
}

} // namespace

std::optional<ScaffoldProblem> check_target_directory(const fs::path& dir, bool force) {
    std::error_code ec;
    const fs::file_status status = fs::status(dir, ec);
    if (!fs::exists(status))
        return std::nullopt;
    if (!fs::is_directory(status)) {
        return ScaffoldProblem{dir.string() + " exists and is not a directory",
                               "choose another directory with --dir"};
    }
    if (!force && !fs::is_empty(dir, ec)) {
        return ScaffoldProblem{dir.string() + " already exists and is not empty",
                               "choose another directory with --dir, or pass --force to "
                               "overwrite the files init writes (other files are kept)"};
    }
    return std::nullopt;
}

std::optional<ScaffoldProblem> write_files(const fs::path& dir,
                                           const std::vector<RenderedFile>& files) {
    const std::string suffix = ".perry-init-" + std::to_string(platform::process_id()) + ".tmp";
    std::vector<fs::path> created_dirs;
    std::vector<fs::path> temporaries;
    auto undo = [&] {
        std::error_code ignored;
        for (const fs::path& temporary : temporaries)
            fs::remove(temporary, ignored);
        for (auto it = created_dirs.rbegin(); it != created_dirs.rend(); ++it) {
            fs::remove(*it, ignored); // only removes what is still empty
        }
    };

    for (const RenderedFile& file : files) {
        const fs::path final_path = dir / fs::path(file.path);
        std::error_code ec;
        if (!make_directories(final_path.parent_path(), created_dirs, ec)) {
            undo();
            return ScaffoldProblem{"cannot create directory " + final_path.parent_path().string() +
                                       ": " + ec.message(),
                                   "check the permissions of " + dir.string()};
        }
        fs::path temporary = final_path;
        temporary += suffix;
        temporaries.push_back(temporary);
        if (!write_file(temporary, file.contents)) {
            undo();
            return ScaffoldProblem{"cannot write " + temporary.string(),
                                   "check the permissions and free space of " + dir.string()};
        }
    }
    for (std::size_t i = 0; i < files.size(); ++i) {
        std::error_code ec;
        fs::rename(temporaries[i], dir / fs::path(files[i].path), ec);
        if (ec) {
            const std::string moved = std::to_string(i) + " of " + std::to_string(files.size());
            std::vector<fs::path> left(temporaries.begin() + static_cast<std::ptrdiff_t>(i),
                                       temporaries.end());
            temporaries = std::move(left);
            created_dirs.clear(); // they hold the files already renamed
            undo();
            return ScaffoldProblem{
                "cannot rename " + temporaries.front().string() + ": " + ec.message() + " (" +
                    moved + " files were already in place)",
                "check the permissions of " + dir.string() + ", then run init again with --force"};
        }
    }
    return std::nullopt;
}

} // namespace perry::linker::detail
