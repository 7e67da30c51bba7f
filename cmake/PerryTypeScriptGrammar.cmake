# tree-sitter and its TypeScript grammar, for `validate`'s check of a package's TypeScript
# declarations (docs/linker/typescript.md).
#
# The library is Debian's libtree-sitter-dev (0.20.x), linked from its static archive like the
# other tool dependencies. The grammar is not a Debian package: scripts/fetch-ts-grammar.sh puts
# the C sources of the pinned npm release in a cache directory outside the tree, which is where
# PERRY_TS_GRAMMAR_DIR points by default. Defines:
#   PerryTreeSitter::runtime  the tree-sitter library (imported)
#   perry_ts_grammar          the `typescript` dialect only (not tsx), a static C library

if(DEFINED ENV{PERRY_TS_GRAMMAR_CACHE})
  set(_perry_ts_cache "$ENV{PERRY_TS_GRAMMAR_CACHE}")
elseif(DEFINED ENV{XDG_CACHE_HOME})
  set(_perry_ts_cache "$ENV{XDG_CACHE_HOME}/perry-native")
else()
  set(_perry_ts_cache "$ENV{HOME}/.cache/perry-native")
endif()
set(PERRY_TS_GRAMMAR_DIR "${_perry_ts_cache}/tree-sitter-typescript-0.21.2" CACHE PATH
    "The unpacked tree-sitter-typescript npm package (scripts/fetch-ts-grammar.sh writes it)")

set(_perry_ts_src "${PERRY_TS_GRAMMAR_DIR}/typescript/src")
if(NOT EXISTS "${_perry_ts_src}/parser.c" OR NOT EXISTS "${_perry_ts_src}/scanner.c")
  message(FATAL_ERROR
    "The TypeScript grammar's sources are not in PERRY_TS_GRAMMAR_DIR=${PERRY_TS_GRAMMAR_DIR}.\n"
    "Run scripts/fetch-ts-grammar.sh (it fetches the pinned tree-sitter-typescript npm package "
    "into that cache), or point -DPERRY_TS_GRAMMAR_DIR at an unpacked copy of it.")
endif()

find_path(PERRY_TREE_SITTER_INCLUDE_DIR tree_sitter/api.h)
find_library(PERRY_TREE_SITTER_LIBRARY NAMES libtree-sitter.a tree-sitter)
if(NOT PERRY_TREE_SITTER_INCLUDE_DIR OR NOT PERRY_TREE_SITTER_LIBRARY)
  message(FATAL_ERROR
    "tree-sitter is not installed: Debian's libtree-sitter-dev provides it "
    "(apt-get install libtree-sitter-dev; scripts/setup.sh installs it).")
endif()

# The grammar's ABI must be one the library reads; a mismatch would only show at run time, as a
# parser that refuses the language.
file(STRINGS "${PERRY_TREE_SITTER_INCLUDE_DIR}/tree_sitter/api.h" _perry_ts_api
     REGEX "^#define TREE_SITTER_(MIN_COMPATIBLE_)?LANGUAGE_VERSION [0-9]+")
string(REGEX MATCH "TREE_SITTER_LANGUAGE_VERSION ([0-9]+)" _m "${_perry_ts_api}")
set(_perry_ts_max ${CMAKE_MATCH_1})
string(REGEX MATCH "TREE_SITTER_MIN_COMPATIBLE_LANGUAGE_VERSION ([0-9]+)" _m "${_perry_ts_api}")
set(_perry_ts_min ${CMAKE_MATCH_1})
file(STRINGS "${_perry_ts_src}/parser.c" _perry_ts_language REGEX "^#define LANGUAGE_VERSION [0-9]+")
string(REGEX MATCH "([0-9]+)" _m "${_perry_ts_language}")
set(PERRY_TS_GRAMMAR_ABI ${CMAKE_MATCH_1})
if(NOT PERRY_TS_GRAMMAR_ABI OR NOT _perry_ts_min OR NOT _perry_ts_max
   OR PERRY_TS_GRAMMAR_ABI LESS _perry_ts_min OR PERRY_TS_GRAMMAR_ABI GREATER _perry_ts_max)
  message(FATAL_ERROR
    "The TypeScript grammar in ${_perry_ts_src} has language ABI '${PERRY_TS_GRAMMAR_ABI}', but "
    "the tree-sitter library in ${PERRY_TREE_SITTER_INCLUDE_DIR} reads ABI ${_perry_ts_min} to "
    "${_perry_ts_max}: run scripts/fetch-ts-grammar.sh for the pinned grammar version.")
endif()

add_library(PerryTreeSitter::runtime UNKNOWN IMPORTED GLOBAL)
set_target_properties(PerryTreeSitter::runtime PROPERTIES
  IMPORTED_LOCATION "${PERRY_TREE_SITTER_LIBRARY}"
  INTERFACE_INCLUDE_DIRECTORIES "${PERRY_TREE_SITTER_INCLUDE_DIR}")

# parser.c is a generated file of about 9 MB, nearly all constant tables. Without debug
# information it compiles in about 2 s at -O1 or -O2 (docs/linker/typescript.md); -g would only
# describe those tables. Warnings are the generator's business, not ours. Its own
# tree_sitter/parser.h comes first in the include path (it includes it with quotes).
add_library(perry_ts_grammar STATIC "${_perry_ts_src}/parser.c" "${_perry_ts_src}/scanner.c")
target_include_directories(perry_ts_grammar PRIVATE "${_perry_ts_src}")
target_compile_options(perry_ts_grammar PRIVATE -g0 -O2 -w)
set_target_properties(perry_ts_grammar PROPERTIES C_STANDARD 11)
