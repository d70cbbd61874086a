#include "keys/Secrets.h"

#include <openssl/evp.h>
#include <sys/random.h>

#include <stdexcept>
#include <vector>

namespace manifold::keys {

namespace {

const char* const kHexDigits = "0123456789abcdef";

std::string toHex(const unsigned char* bytes, size_t size) {
  std::string out(size * 2, '0');
  for (size_t i = 0; i < size; ++i) {
    out[2 * i] = kHexDigits[bytes[i] >> 4];
    out[2 * i + 1] = kHexDigits[bytes[i] & 15];
  }
  return out;
}

}  // namespace

// OpenSSL (under Poco Crypto) directly, with the digest fetched once: every
// keyed request hashes its key. Poco::Crypto::DigestEngine fetches the digest
// again on each use (about 15 us here) and Poco's own SHA2Engine is portable
// C (about 0.3 us); this is about 0.1 us.
std::string sha256Hex(std::string_view secret) {
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned size = 0;
  if (!sha256 || !EVP_Digest(secret.data(), secret.size(), digest, &size, sha256, nullptr))
    throw std::runtime_error("OpenSSL could not compute SHA-256");
  return toHex(digest, size);
}

bool constantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
  return diff == 0;
}

std::string randomHex(size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  size_t got = 0;
  while (got < bytes) {
    const ssize_t n = ::getrandom(raw.data() + got, bytes - got, 0);
    if (n <= 0) throw std::runtime_error("getrandom failed");
    got += static_cast<size_t>(n);
  }
  return toHex(raw.data(), raw.size());
}

std::string newKeySecret() {
  return "mfk-" + randomHex(24);
}

}  // namespace manifold::keys
