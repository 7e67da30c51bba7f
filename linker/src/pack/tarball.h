// A gzip-compressed tar in npm's layout, made the same way every time: the given entries in the
// given order, fixed mode, owner and time (npm's 1985-10-26T08:15:00Z), no gzip timestamp.
// Written with libarchive; hashed with OpenSSL. Internal to pack.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace perry::linker::pack {

struct TarEntry {
    std::string path; // inside the tarball, e.g. "package/index.js"
    std::string data;
    unsigned mode = 0644;
};

// npm's fixed time of every entry, in seconds since 1970.
inline constexpr std::int64_t kNpmEntryTime = 499162500;

// The tarball's bytes. Throws std::runtime_error when libarchive fails.
std::string make_tarball(const std::vector<TarEntry>& entries);

// `sha512-<base64>` as npm's `integrity`, and the SHA-1 as 40 hex digits (npm's `shasum`).
std::string sha512_integrity(const std::string& bytes);
std::string sha1_hex(const std::string& bytes);

// Writes `bytes` to a temporary name in the file's directory and renames it over `file`.
// Returns an empty string, or what went wrong (nothing is left behind then).
std::string write_atomically(const std::filesystem::path& file, const std::string& bytes);

} // namespace perry::linker::pack
