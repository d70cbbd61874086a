#include "webhooks/StandardWebhooks.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Base64Encoder.h>
#include <Poco/HMACEngine.h>
#include <Poco/SHA2Engine.h>

#include <sstream>
#include <stdexcept>

#include "webhooks/Timestamps.h"

namespace manifold::webhooks {
namespace {

constexpr std::string_view kSecretPrefix = "whsec_";

// Poco 1.11's SHA2Engine lacks the BLOCK_SIZE that HMACEngine needs.
class Sha256 : public Poco::SHA2Engine {
 public:
  enum { BLOCK_SIZE = 64, DIGEST_SIZE = 32 };
  Sha256() : Poco::SHA2Engine(SHA_256) {}
};

std::string base64(const std::string& bytes) {
  std::ostringstream out;
  Poco::Base64Encoder encoder(out);
  encoder.rdbuf()->setLineLength(0);
  encoder << bytes;
  encoder.close();
  return out.str();
}

bool isBase64(std::string_view text) {
  size_t padding = 0;
  for (char c : text) {
    const bool alnum = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    if (c == '=')
      ++padding;
    else if (padding > 0 || !(alnum || c == '+' || c == '/'))
      return false;
  }
  return text.size() % 4 == 0 && padding <= 2;
}

std::string decodeSecret(std::string_view secret) {
  if (secret.substr(0, kSecretPrefix.size()) == kSecretPrefix)
    secret.remove_prefix(kSecretPrefix.size());
  if (secret.empty()) throw std::invalid_argument("the webhook secret is empty");
  if (!isBase64(secret))
    throw std::invalid_argument("the webhook secret is not base64 (expected whsec_<base64>)");
  std::istringstream in{std::string(secret)};
  Poco::Base64Decoder decoder(in);
  std::string key((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
  if (key.empty()) throw std::invalid_argument("the webhook secret decodes to no bytes");
  return key;
}

}  // namespace

StandardWebhooks::StandardWebhooks(std::string_view secret) : key_(decodeSecret(secret)) {}

std::string StandardWebhooks::digest(std::string_view id, std::string_view timestamp,
                                     std::string_view body) const {
  Poco::HMACEngine<Sha256> hmac(key_);
  hmac.update(id.data(), id.size());
  hmac.update('.');
  hmac.update(timestamp.data(), timestamp.size());
  hmac.update('.');
  hmac.update(body.data(), body.size());
  const Poco::DigestEngine::Digest& d = hmac.digest();
  return base64(std::string(d.begin(), d.end()));
}

std::string StandardWebhooks::sign(std::string_view id, int64_t timestamp,
                                   std::string_view body) const {
  return "v1," + digest(id, std::to_string(timestamp), body);
}

Verdict StandardWebhooks::verify(std::string_view id, std::string_view timestamp,
                                 std::string_view signatures, std::string_view body, int64_t now,
                                 int64_t toleranceSeconds) const {
  if (id.empty() || timestamp.empty() || signatures.empty())
    return {false, "missing webhook-id, webhook-timestamp or webhook-signature"};
  if (std::optional<std::string> problem =
          timestampProblem("webhook-timestamp", timestamp, now, toleranceSeconds))
    return {false, std::move(*problem)};

  const std::string expected = digest(id, timestamp, body);
  bool sawV1 = false;
  size_t at = 0;
  while (at < signatures.size()) {
    size_t next = signatures.find(' ', at);
    if (next == std::string_view::npos) next = signatures.size();
    const std::string_view entry = signatures.substr(at, next - at);
    at = next + 1;
    const size_t comma = entry.find(',');
    if (comma == std::string_view::npos || entry.substr(0, comma) != "v1") continue;
    sawV1 = true;
    if (constantTimeEqual(entry.substr(comma + 1), expected)) return {true, ""};
  }
  return {false, sawV1 ? "no webhook-signature entry matches (wrong secret, or the body, id or "
                         "timestamp changed)"
                       : "webhook-signature has no v1 entry"};
}

}  // namespace manifold::webhooks
