// The reader's fast paths against LLVM's generic ones, on real archives: the GNU member walk with
// pread (symbols/gnu_members.h) lists what llvm::object::Archive lists, the ELF reader over
// ELFFile (symbols/elf_symbols.h) gives what SymbolicFile gives, and validate's mode (kinds only
// for some names) lists the same symbols and members as a full read.
#include "perry/linker/symbols.h"
#include "support/self_check.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <unordered_set>

namespace perry::linker::test {
namespace {

// A file's bytes through a read-only map (the 400 archives under /usr/lib hold 550 MB).
class Mapped {
  public:
    explicit Mapped(const std::string& path) {
        const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
        struct stat info {};
        if (fd < 0 || ::fstat(fd, &info) != 0 || info.st_size == 0) {
            if (fd >= 0)
                ::close(fd);
            return;
        }
        size_ = static_cast<std::size_t>(info.st_size);
        void* data = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
        ::close(fd);
        if (data != MAP_FAILED)
            data_ = static_cast<const char*>(data);
    }
    ~Mapped() {
        if (data_ != nullptr)
            ::munmap(const_cast<char*>(data_), size_);
    }
    Mapped(const Mapped&) = delete;
    Mapped& operator=(const Mapped&) = delete;
    std::string_view bytes() const { return {data_ == nullptr ? "" : data_, data_ ? size_ : 0}; }

  private:
    const char* data_ = nullptr;
    std::size_t size_ = 0;
};

// Archives spread evenly over the sorted list, at most `limit` bytes each, and a few chosen for
// what they hold: libc.a (IFUNC and TLS symbols), libstdc++.a (weak, unique and COMDAT
// definitions), and the benchmarks' archive (the most index symbols here).
std::vector<std::string> sample(std::size_t count, std::uintmax_t limit) {
    const std::vector<std::string> all = system_archives();
    std::vector<std::string> chosen;
    for (std::size_t i = 0; i < count && !all.empty(); ++i) {
        const std::string& file = all[i * all.size() / count];
        if (std::filesystem::file_size(file) <= limit)
            chosen.push_back(file);
    }
    for (const char* file :
         {"/usr/lib/x86_64-linux-gnu/libc.a", "/usr/lib/gcc/x86_64-linux-gnu/12/libstdc++.a",
          "/usr/lib/gcc/x86_64-linux-gnu/12/adalib/libgnat_pic.a"}) {
        if (std::filesystem::exists(file))
            chosen.emplace_back(file);
    }
    return chosen;
}

TEST(FastPathsTest, GnuWalkListsWhatLlvmListsOnEverySystemArchive) {
    const std::vector<std::string> all = system_archives();
    ASSERT_GE(all.size(), 20u);
    for (const std::string& file : all) {
        const Mapped input(file);
        EXPECT_EQ(detail::gnu_walk_disagreement(input.bytes()), "") << file;
    }
}

TEST(FastPathsTest, ElfReaderGivesWhatLlvmGivesOnSystemArchives) {
    const std::vector<std::string> files = sample(40, 40u << 20);
    ASSERT_GE(files.size(), 20u);
    for (const std::string& file : files) {
        const Mapped input(file);
        EXPECT_EQ(detail::elf_reader_disagreement(input.bytes()), "") << file;
    }
}

TEST(FastPathsTest, KindsOnlyForSomeNamesListsWhatAFullReadLists) {
    for (const std::string& file : sample(24, 40u << 20)) {
        SCOPED_TRACE(file);
        const SymbolListing full = read_symbols(file);
        std::unordered_set<std::string> wanted;
        for (std::size_t i = 0; i < full.symbols.size(); i += 97) {
            wanted.emplace(full.symbols[i].name());
        }
        ReadOptions options;
        options.kinds_only_for = &wanted;
        const SymbolListing some = read_symbols(file, options);
        EXPECT_EQ(some.used_index, full.used_index);
        EXPECT_EQ(some.member_count, full.member_count);
        auto with_members = [](const SymbolListing& listing) {
            std::vector<std::string> lines;
            for (const DefinedSymbol& symbol : listing.symbols) {
                lines.push_back(std::string(symbol.raw_name) + " " + listing.member_of(symbol));
            }
            std::sort(lines.begin(), lines.end());
            return lines;
        };
        EXPECT_EQ(with_members(some), with_members(full));
        for (const DefinedSymbol& symbol : some.symbols) {
            if (symbol.kind_known || wanted.count(std::string(symbol.name())) == 0)
                continue;
            ADD_FAILURE() << "no kind read for the wanted " << symbol.name();
        }
    }
}

} // namespace
} // namespace perry::linker::test
