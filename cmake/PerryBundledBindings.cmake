# The bindings that ship with perry-native (the well-known table's entries with a `source`):
# installed as <prefix>/share/perry/bindings/<name>, and linked into <build>/share/perry/bindings
# so that a build tree's perry resolves them the way an installed one does. Their builds go to the
# build cache like any package's; nothing is ever written into these folders.
set(PERRY_BUNDLED_BINDINGS dotenv sqlite emitter zlib rust-hash)
file(MAKE_DIRECTORY ${PROJECT_BINARY_DIR}/share/perry/bindings)
foreach(_binding IN LISTS PERRY_BUNDLED_BINDINGS)
  file(CREATE_LINK ${PROJECT_SOURCE_DIR}/examples/${_binding}
       ${PROJECT_BINARY_DIR}/share/perry/bindings/${_binding} SYMBOLIC)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/examples/${_binding}
          DESTINATION share/perry/bindings
          PATTERN build EXCLUDE
          PATTERN target EXCLUDE)
endforeach()

# rust-hash reaches the perry-ffi crates through the source tree (../../ffi-runtime/rust/...); the
# installed copy reaches the installed crates instead (share/perry/rust/...), which sit at the
# same depth. Cargo.lock records no paths, so it stays valid.
install(CODE [[
  set(_manifest "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}/share/perry/bindings/rust-hash/Cargo.toml")
  file(READ "${_manifest}" _text)
  string(REPLACE "../../ffi-runtime/rust/" "../../rust/" _text "${_text}")
  file(WRITE "${_manifest}" "${_text}")
]])
