# The resolution half of perry_resolver (issue 4): specifiers, the node_modules walk, `exports`,
# the well-known table, the host allowlist, and the JSON form of results. Kept in its own file so
# the manifest half (CMakeLists.txt) and this half can change independently.
target_sources(perry_resolver PRIVATE
  src/allowlist.cpp
  src/fs_util.cpp
  src/native_details.cpp
  src/node_modules.cpp
  src/package_entry.cpp
  src/package_json.cpp
  src/platform_package.cpp
  src/resolution_json.cpp
  src/resolve.cpp
  src/specifier.cpp
  src/toml_guard.cpp
  src/well_known.cpp
)
target_link_libraries(perry_resolver PRIVATE nlohmann_json::nlohmann_json tomlplusplus::tomlplusplus)

# The table ships as <prefix>/share/perry/well_known_bindings.toml. The build tree gets a copy at
# <build>/share/perry so a built `<build>/cli/perry` finds it the way an installed one does; the
# source path is compiled in as the last fallback for programs elsewhere in the build tree.
set(PERRY_WELL_KNOWN_SOURCE ${CMAKE_CURRENT_SOURCE_DIR}/data/well_known_bindings.toml)
configure_file(${PERRY_WELL_KNOWN_SOURCE}
               ${PROJECT_BINARY_DIR}/share/perry/well_known_bindings.toml COPYONLY)
set_property(SOURCE src/well_known.cpp APPEND PROPERTY COMPILE_DEFINITIONS
             PERRY_WELL_KNOWN_SOURCE="${PERRY_WELL_KNOWN_SOURCE}")
install(FILES ${PERRY_WELL_KNOWN_SOURCE} DESTINATION ${CMAKE_INSTALL_DATADIR}/perry)
