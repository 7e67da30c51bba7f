# The bindings that ship with perry-native (the well-known table's entries with a `source`):
# installed as <prefix>/share/perry/bindings/<name>, and linked into <build>/share/perry/bindings
# so that a build tree's perry resolves them the way an installed one does. Their builds go to the
# build cache like any package's; nothing is ever written into these folders.
#
# rust-hash is not among them: its Cargo.toml reaches the perry-ffi crate by a path relative to
# the source tree, which does not hold in the installed tree.
set(PERRY_BUNDLED_BINDINGS dotenv sqlite emitter zlib)
file(MAKE_DIRECTORY ${PROJECT_BINARY_DIR}/share/perry/bindings)
foreach(_binding IN LISTS PERRY_BUNDLED_BINDINGS)
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/examples/${_binding}
       ${PROJECT_BINARY_DIR}/share/perry/bindings/${_binding} SYMBOLIC)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/${_binding}
          DESTINATION share/perry/bindings
          PATTERN build EXCLUDE
          PATTERN target EXCLUDE)
endforeach()
