# Third-party packages of the tool layers (resolver, linker, cli). The runtime needs none of them.
find_package(nlohmann_json 3.11 REQUIRED)
find_package(LibArchive REQUIRED)
find_package(spdlog REQUIRED)
find_package(CLI11 REQUIRED)
find_package(tomlplusplus REQUIRED)
find_package(Boost 1.74 REQUIRED COMPONENTS filesystem)
find_package(LLVM 14 REQUIRED CONFIG)
