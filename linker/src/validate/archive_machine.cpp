#include "archive_machine.h"

#include <llvm/ADT/Triple.h>
#include <llvm/Object/Archive.h>
#include <llvm/Object/ObjectFile.h>
#include <llvm/Support/Host.h>
#include <llvm/Support/MemoryBuffer.h>

#include <algorithm>
#include <set>

namespace perry::linker::detail {
namespace {

void add_object_machine(llvm::MemoryBufferRef buffer, std::set<std::string>& machines) {
    llvm::Expected<std::unique_ptr<llvm::object::ObjectFile>> object =
        llvm::object::ObjectFile::createObjectFile(buffer);
    if (!object) {
        llvm::consumeError(object.takeError());
        return;
    }
    const llvm::Triple::ArchType arch = (*object)->getArch();
    if (arch != llvm::Triple::UnknownArch) {
        machines.insert(llvm::Triple::getArchTypeName(arch).str());
    }
}

} // namespace

std::vector<std::string> archive_machines(const std::string& path) {
    std::set<std::string> machines;
    llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> file =
        llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/false);
    if (!file)
        return {};
    const llvm::MemoryBufferRef whole = (*file)->getMemBufferRef();
    llvm::Expected<std::unique_ptr<llvm::object::Archive>> archive =
        llvm::object::Archive::create(whole);
    if (!archive) {
        llvm::consumeError(archive.takeError());
        add_object_machine(whole, machines);
        return {machines.begin(), machines.end()};
    }
    llvm::Error error = llvm::Error::success();
    for (const llvm::object::Archive::Child& child : (*archive)->children(error)) {
        llvm::Expected<llvm::MemoryBufferRef> member = child.getMemoryBufferRef();
        if (!member) {
            llvm::consumeError(member.takeError());
            continue;
        }
        add_object_machine(*member, machines);
    }
    llvm::consumeError(std::move(error));
    return {machines.begin(), machines.end()};
}

std::vector<std::string> archive_arches(const std::string& path) {
    std::vector<std::string> arches = archive_machines(path);
    for (std::string& arch : arches) {
        if (arch == "i386")
            arch = "i686";
    }
    std::sort(arches.begin(), arches.end());
    return arches;
}

std::string host_machine() {
    return llvm::Triple::getArchTypeName(llvm::Triple(llvm::sys::getProcessTriple()).getArch())
        .str();
}

} // namespace perry::linker::detail
