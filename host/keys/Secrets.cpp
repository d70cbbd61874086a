#include "keys/Secrets.h"

#include <Poco/DigestEngine.h>
#include <Poco/SHA2Engine.h>
#include <sys/random.h>

#include <stdexcept>
#include <vector>

namespace manifold::keys {

std::string sha256Hex(std::string_view secret) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(secret.data(), static_cast<unsigned>(secret.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
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
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(bytes * 2);
  for (unsigned char c : raw) {
    out += digits[c >> 4];
    out += digits[c & 15];
  }
  return out;
}

std::string newKeySecret() {
  return "mfk-" + randomHex(24);
}

}  // namespace manifold::keys
