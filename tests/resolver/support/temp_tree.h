// Test support: a directory tree written inline by a test ({path, content} files and symlinks),
// removed again at the end, and a golden-file comparison with one switch to regenerate.
#pragma once

#include <initializer_list>
#include <string>
#include <vector>

namespace perry::test {

struct TreeFile {
    std::string path; // relative to the tree's root; parent directories are created
    std::string content;
};

struct TreeLink {
    std::string path;   // the symlink, relative to the root
    std::string target; // what it points to, written as is (relative targets stay relative)
};

class TempTree {
  public:
    TempTree(std::initializer_list<TreeFile> files, std::initializer_list<TreeLink> links = {});
    ~TempTree();
    TempTree(const TempTree&) = delete;
    TempTree& operator=(const TempTree&) = delete;

    void write(const std::string& path, const std::string& content) const;
    void link(const std::string& path, const std::string& target) const;

    const std::string& root() const { return root_; } // a real path (no symlink in it)
    std::string path(const std::string& relative) const { return root_ + "/" + relative; }
    // `text` with every occurrence of the root replaced by `<tree>`, so goldens do not depend
    // on where the temporary directory was made.
    std::string scrub(std::string text) const;

  private:
    std::string root_;
};

// Replaces every occurrence of `from` in `text` by `to`.
std::string replace_all(std::string text, const std::string& from, const std::string& to);

// Compares `actual` with the golden file `path`; with PERRY_UPDATE_GOLDEN=1 in the environment

} // namespace perry::test
