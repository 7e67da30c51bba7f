#include "member_reader.h"

#include "elf_precheck.h"
#include "elf_symbols.h"
#include "object_symbols.h"

#include <algorithm>

namespace perry::linker::detail {

const char* const kCorruptFix =
    "rebuild the archive (or the object) and check the copy is complete";

void add_format(SymbolListing& listing, ObjectFormat format) {
    if (std::find(listing.formats.begin(), listing.formats.end(), format) ==
        listing.formats.end()) {
        listing.formats.push_back(format);
    }
}

std::vector<MemberOutput> read_members(const MemberBatch& members, SymbolListing& listing,
                                       ListingStorage& storage) {
    std::vector<MemberInput> inputs;
    inputs.reserve(members.size());
    for (const MemberToRead& member : members) {
        const auto index = static_cast<std::uint32_t>(listing.members.size());
        listing.members.push_back(member.name);
        listing.member_bytes.push_back(member.bytes);
        inputs.push_back({member.bytes, member.name.empty() ? listing.file : member.name, index});
    }
    std::vector<MemberOutput> outputs(inputs.size());
    std::size_t run_start = 0;
    auto flush_run = [&](std::size_t end) {
        if (run_start == end)
            return;
        std::vector<MemberInput> run(inputs.begin() + run_start, inputs.begin() + end);
        std::vector<MemberOutput> done = read_members_isolated(run, listing.symbols, storage);
        std::move(done.begin(), done.end(), outputs.begin() + run_start);
    };
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const ReadPath path = read_path(inputs[i].bytes);
        // LLVM reads an ELF file with a broken section table as one without symbols.
        std::string corrupt = path == ReadPath::NotAnObject
                                  ? std::string()
                                  : elf_section_table_error(inputs[i].bytes);
        if (path == ReadPath::Isolated && corrupt.empty())
            continue;
        flush_run(i);
        run_start = i + 1;
        MemberOutput& output = outputs[i];
        output.first = listing.symbols.size();
        if (!corrupt.empty()) {
            output.outcome.status = ObjectOutcome::kFailed;
            output.outcome.error = std::move(corrupt);
        } else if (path == ReadPath::NotAnObject) {
            output.outcome.status = ObjectOutcome::kNotAnObject;
        } else {
            output.outcome = read_elf_symbols(inputs[i].bytes, inputs[i].index, listing.symbols);
        }
        output.count = listing.symbols.size() - output.first;
    }
    flush_run(inputs.size());
    for (std::size_t i = 0; i < outputs.size(); ++i) {
        const ObjectOutcome& outcome = outputs[i].outcome;
        switch (outcome.status) {
        case ObjectOutcome::kRead:
            add_format(listing, outcome.format);
            break;
        case ObjectOutcome::kNotAnObject:
            listing.skipped_members.push_back(members[i].name);
            break;
        case ObjectOutcome::kFailed:
            listing.problems.push_back(
                problem(listing.file, members[i].name, outcome.error, kCorruptFix));
            break;
        }
    }
    return outputs;
}

} // namespace perry::linker::detail
