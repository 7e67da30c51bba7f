#include "cache_store.h"

#include "perry/platform/process.h"

#include <atomic>
#include <cerrno>
#include <fstream>

namespace perry::linker::detail {
namespace {

namespace fs = std::filesystem;

constexpr const char* kEntryFile = "entry.txt";

// The lock file's path, once its folder exists.
std::string with_folder_made(const fs::path& path) {
    std::error_code ec;
    fs::create_directories(path.parent_path(), ec);
    return path.string();
}

} // namespace

FileLock::FileLock(const fs::path& path) : platform::FileLock(with_folder_made(path)) {}

CacheStore::CacheStore(fs::path root) : root_(std::move(root)) {}

fs::path CacheStore::lock_file(const std::string& key) const {
    return root_ / "locks" / (key + ".lock");
}

fs::path CacheStore::failure_log(const std::string& key) const {
    return root_ / "logs" / (key + ".log");
}

std::optional<CachedBuild> CacheStore::find(const std::string& key) const {
    const fs::path dir = root_ / "builds" / key;
    std::ifstream entry(dir / kEntryFile);
    std::string archive_name;
    if (!entry || !std::getline(entry, archive_name) || archive_name.empty())
        return std::nullopt;
    std::error_code ec;
    if (!fs::is_regular_file(dir / archive_name, ec))
        return std::nullopt;
    return CachedBuild{dir / archive_name, dir / "build.log"};
}

void CacheStore::remove_stale_temporaries(const std::string& held_key) const {
    std::error_code ec;
    for (const fs::directory_entry& entry : fs::directory_iterator(root_ / "tmp", ec)) {
        const std::string name = entry.path().filename().string();
        const std::string key = name.substr(0, name.find('.'));
        bool stale = key == held_key;
        if (!stale) {
            FileLock other(lock_file(key));
            stale = other.try_lock(); // nobody builds it: a killed build's remains
        }
        std::error_code remove_ec;
        if (stale)
            fs::remove_all(entry.path(), remove_ec);
    }
}

fs::path CacheStore::make_temporary(const std::string& key) const {
    static std::atomic<unsigned> counter{0};
    const fs::path dir = root_ / "tmp" /
                         (key + "." + std::to_string(platform::process_id()) + "." +
                          std::to_string(counter.fetch_add(1)));
    std::error_code ec;
    fs::remove_all(dir, ec);
    fs::create_directories(dir, ec);
    return dir;
}

bool CacheStore::publish(const std::string& key, const fs::path& staged,
                         const std::string& archive_name, std::string& error) const {
    {
        std::ofstream entry(staged / kEntryFile);
        entry << archive_name << "\n";
        if (!entry.flush()) {
            error = "cannot write " + (staged / kEntryFile).string();
            return false;
        }
    }
    const fs::path final_dir = root_ / "builds" / key;
    std::error_code ec;
    fs::create_directories(final_dir.parent_path(), ec);
    fs::remove_all(final_dir, ec); // an incomplete one (no entry.txt) from an older perry
    fs::rename(staged, final_dir, ec);
    if (ec) {
        error = "cannot move the build into " + final_dir.string() + ": " + ec.message();
        return false;
    }
    return true;
}

} // namespace perry::linker::detail
