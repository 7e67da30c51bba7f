#include "tarball.h"

#include <archive.h>
#include <archive_entry.h>
#include <openssl/evp.h>

#include "perry/platform/files.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>
#include <stdexcept>
#include <system_error>

namespace perry::linker::pack {
namespace {

struct ArchiveDeleter {
    void operator()(archive* a) const { archive_write_free(a); }
};
struct EntryDeleter {
    void operator()(archive_entry* e) const { archive_entry_free(e); }
};

la_ssize_t append_bytes(archive*, void* sink, const void* buffer, size_t length) {
    static_cast<std::string*>(sink)->append(static_cast<const char*>(buffer), length);
    return static_cast<la_ssize_t>(length);
}

void check(archive* a, int status, const char* what) {
    if (status < ARCHIVE_OK) {
        const char* detail = archive_error_string(a);
        throw std::runtime_error(std::string("libarchive cannot ") + what + ": " +
                                 (detail ? detail : "unknown error"));
    }
}

std::string digest(const EVP_MD* type, const std::string& bytes) {
    unsigned char out[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    if (EVP_Digest(bytes.data(), bytes.size(), out, &size, type, nullptr) != 1)
        throw std::runtime_error("OpenSSL cannot compute a digest");
    return std::string(reinterpret_cast<const char*>(out), size);
}

} // namespace

std::string make_tarball(const std::vector<TarEntry>& entries) {
    std::string bytes;
    std::unique_ptr<archive, ArchiveDeleter> owner(archive_write_new());
    archive* a = owner.get();
    if (a == nullptr)
        throw std::runtime_error("libarchive cannot allocate a writer");
    // ustar headers, with a pax header only for what ustar cannot hold (long names), as npm's
    // node-tar writes them.
    check(a, archive_write_set_format_pax_restricted(a), "select the tar format");
    // A name ustar cannot hold goes into a pax header as its bytes, whatever the locale: left to
    // itself libarchive converts names through the locale's character set, so the bytes would
    // depend on LANG (and a name the C locale cannot convert crashed libarchive 3.6's pax writer).
    check(a, archive_write_set_format_option(a, "pax", "hdrcharset", "BINARY"),
          "write names as bytes");
    check(a, archive_write_add_filter_gzip(a), "add the gzip filter");
    check(a, archive_write_set_filter_option(a, "gzip", "compression-level", "9"),
          "set the gzip level");
    // A gzip header holds the time it was written unless told not to: two packs of one tree
    // would then differ in four bytes.
    check(a, archive_write_set_filter_option(a, "gzip", "timestamp", nullptr),
          "leave the gzip timestamp out");
    // libarchive pads its output to 10 KiB blocks by default; a gzip stream needs no padding,
    // and npm's reader would see the zeros as trailing garbage.
    check(a, archive_write_set_bytes_in_last_block(a, 1), "turn off block padding");
    check(a, archive_write_open(a, &bytes, nullptr, append_bytes, nullptr), "open the output");
    for (const TarEntry& item : entries) {
        std::unique_ptr<archive_entry, EntryDeleter> entry(archive_entry_new());
        // The name's bytes as they are (paths are UTF-8 on the systems npm runs on); see the
        // hdrcharset option above.
        archive_entry_copy_pathname(entry.get(), item.path.c_str());
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_perm(entry.get(), item.mode);
        archive_entry_set_size(entry.get(), static_cast<la_int64_t>(item.data.size()));
        archive_entry_set_mtime(entry.get(), kNpmEntryTime, 0);
        archive_entry_set_uid(entry.get(), 0);
        archive_entry_set_gid(entry.get(), 0);
        check(a, archive_write_header(a, entry.get()),
              ("write the header of " + item.path).c_str());
        if (!item.data.empty() && archive_write_data(a, item.data.data(), item.data.size()) !=
                                      static_cast<la_ssize_t>(item.data.size())) {
            check(a, ARCHIVE_FATAL, ("write " + item.path).c_str());
        }
    }
    check(a, archive_write_close(a), "finish the tarball");
    return bytes;
}

std::string sha512_integrity(const std::string& bytes) {
    const std::string raw = digest(EVP_sha512(), bytes);
    std::string encoded(4 * ((raw.size() + 2) / 3) + 1, '\0');
    const int length = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()),
                                       reinterpret_cast<const unsigned char*>(raw.data()),
                                       static_cast<int>(raw.size()));
    encoded.resize(static_cast<std::size_t>(length));
    return "sha512-" + encoded;
}

std::string sha1_hex(const std::string& bytes) {
    static const char kHex[] = "0123456789abcdef";
    std::string hex;
    for (unsigned char c : digest(EVP_sha1(), bytes)) {
        hex += kHex[c >> 4];
        hex += kHex[c & 15];
    }
    return hex;
}

std::string write_atomically(const std::filesystem::path& file, const std::string& bytes) {
    std::string error;
    platform::replace_file(file.string(), bytes, error);
    return error;
}

} // namespace perry::linker::pack

// libarchive's static archive linked with only what pack uses (the tar writer, the gzip filter
// and zlib).
//
// Every tar writer of libarchive 3.6 reports an entry type it cannot store through
// __archive_write_entry_filetype_unsupported, which the static archive defines in the member that
// also implements archive_write_set_format() by format code. That function refers to every
// writer libarchive has (7-Zip, XAR, ...), and they need bzip2, lzma, nettle and libxml2 with ICU:
// static archives of their own, megabytes of code perry never runs (a --gc-sections link drops
// them, test and sanitizer links would not). Defining the one function here, in the object that
// uses the tar writer (a definition in another member of perry's own static library would be
// seen too late), keeps that member out. pack writes regular files only, so the function is never
// called by pack; it does what libarchive's does. Should anything in perry call
// archive_write_set_format() or archive_write_set_format_by_name() one day, the link fails with a
// duplicate definition of this symbol: then link libarchive's dependencies instead and remove this
// function.
extern "C" void __archive_write_entry_filetype_unsupported(struct archive* a,
                                                           struct archive_entry* entry,
                                                           const char* format) {
    const char* name = archive_entry_pathname(entry);
    archive_set_error(a, EILSEQ, // libarchive's ARCHIVE_ERRNO_FILE_FORMAT
                      "%s: unsupported filetype for %s", name != nullptr ? name : "(unnamed entry)",
                      format);
}
