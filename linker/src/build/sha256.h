// SHA-256 through OpenSSL's libcrypto (Debian's libssl-dev), behind a small interface so that
// only one file includes OpenSSL.
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace perry::linker::detail {

class Sha256 {
  public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256&) = delete;
    Sha256& operator=(const Sha256&) = delete;

    void update(std::string_view bytes);
    // A length-prefixed field, so that ("ab", "c") and ("a", "bc") hash differently.
    void field(std::string_view bytes);
    // The digest as 64 lowercase hex digits; the object is spent afterwards.
    std::string hex_digest();

  private:
    struct Context;
    std::unique_ptr<Context> context_;
};

std::string sha256_hex(std::string_view bytes);

} // namespace perry::linker::detail
