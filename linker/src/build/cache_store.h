// The build cache on disk:
//   <cache>/builds/<key>/    a finished build: the archive, build.log, entry.txt (renamed into
//                            place whole, so a directory here is always complete)
//   <cache>/tmp/<key>.<pid>.<n>/  a build in progress (or the remains of a killed one)
//   <cache>/locks/<key>.lock      held (a FileLock) while <key> is being built
//   <cache>/logs/<key>.log        the output of the last failed build of <key>
//   <cache>/compilers/            compiler identities (see compiler_identity.h)
#pragma once

#include "perry/platform/file_lock.h"

#include <filesystem>
#include <optional>
#include <string>

namespace perry::linker::detail {

// An exclusive advisory lock on a file (platform/file_lock.h: released when the process dies
// however it dies, and two opens in one process exclude each other too); its folder is created
// first.
class FileLock : public platform::FileLock {
  public:
    explicit FileLock(const std::filesystem::path& path);
};

struct CachedBuild {
    std::filesystem::path archive;
    std::filesystem::path log;
};

class CacheStore {
  public:
    explicit CacheStore(std::filesystem::path root);

    const std::filesystem::path& root() const { return root_; }
    std::filesystem::path lock_file(const std::string& key) const;
    std::filesystem::path failure_log(const std::string& key) const;

    // A finished build of `key`, or nothing.
    std::optional<CachedBuild> find(const std::string& key) const;
    // Removes the temporary folders no live build owns: those of `held_key` (whose lock the
    // caller holds) and those of any key whose lock can be taken now.
    void remove_stale_temporaries(const std::string& held_key) const;
    // A new, empty temporary folder for `key`.
    std::filesystem::path make_temporary(const std::string& key) const;
    // Moves `staged` (holding `archive_name`, build.log) into place as the build of `key`.
    bool publish(const std::string& key, const std::filesystem::path& staged,
                 const std::string& archive_name, std::string& error) const;

  private:
    std::filesystem::path root_;
};

} // namespace perry::linker::detail
