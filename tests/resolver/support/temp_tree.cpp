#include "temp_tree.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace perry::test {

namespace fs = std::filesystem;

TempTree::TempTree(std::initializer_list<TreeFile> files, std::initializer_list<TreeLink> links) {
    // Always under /tmp, whatever TMPDIR says: the directories above the tree appear in goldens
    // (the walk looks in every ancestor's node_modules), so their depth must not vary.
    std::string pattern = "/tmp/perry-tree-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
        throw std::runtime_error("mkdtemp failed for " + pattern);
    }
    root_ = fs::canonical(pattern).string();
    for (const TreeFile& file : files) {
        write(file.path, file.content);
    }
    for (const TreeLink& l : links) {
        link(l.path, l.target);
    }
}

TempTree::~TempTree() {
    std::error_code ec;
    fs::remove_all(root_, ec);
}

void TempTree::write(const std::string& relative, const std::string& content) const {
    const fs::path file = path(relative);
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
}

void TempTree::link(const std::string& relative, const std::string& target) const {
    const fs::path file = path(relative);
    fs::create_directories(file.parent_path());
    fs::create_symlink(target, file);
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

std::string TempTree::scrub(std::string text) const {
    return replace_all(std::move(text), root_, "<tree>");
}

} // namespace perry::test
