#include "webhooks/ManusSignature.h"

#include <Poco/Base64Decoder.h>
#include <Poco/Crypto/RSADigestEngine.h>
#include <Poco/Crypto/RSAKey.h>
#include <Poco/DigestEngine.h>
#include <Poco/Exception.h>
#include <Poco/SHA2Engine.h>

#include <sstream>
#include <stdexcept>

#include "webhooks/Timestamps.h"

namespace manifold::webhooks {
namespace {

std::string sha256Hex(std::string_view bytes) {
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(bytes.data(), static_cast<unsigned>(bytes.size()));
  return Poco::DigestEngine::digestToHex(engine.digest());
}

std::optional<Poco::DigestEngine::Digest> decodeBase64(std::string_view text) {
  try {
    std::istringstream in{std::string(text)};
    Poco::Base64Decoder decoder(in);
    std::string raw((std::istreambuf_iterator<char>(decoder)), std::istreambuf_iterator<char>());
    if (raw.empty()) return std::nullopt;
    return Poco::DigestEngine::Digest(raw.begin(), raw.end());
  } catch (const Poco::Exception&) {
    return std::nullopt;  // not base64
  }
}

}  // namespace

ManusSignature::ManusSignature(const std::string& publicKeyPem) {
  try {
    std::istringstream pem(publicKeyPem);
    key_ = std::make_unique<Poco::Crypto::RSAKey>(&pem);
  } catch (const Poco::Exception& e) {
    throw std::invalid_argument("the Manus webhook public key is not an RSA public key in PEM: " +
                                e.displayText());
  }
}

ManusSignature::~ManusSignature() = default;

std::string ManusSignature::signedContent(std::string_view timestamp, std::string_view url,
                                          std::string_view body) {
  std::string content;
  content.reserve(timestamp.size() + url.size() + 66);
  content.append(timestamp).append(".").append(url).append(".").append(sha256Hex(body));
  return content;
}

Verdict ManusSignature::verify(std::string_view signatureBase64, std::string_view timestamp,
                               std::string_view url, std::string_view body, int64_t now,
                               int64_t toleranceSeconds) const {
  if (signatureBase64.empty() || timestamp.empty())
    return {false, "missing X-Webhook-Signature or X-Webhook-Timestamp"};
  if (std::optional<std::string> problem =
          timestampProblem("X-Webhook-Timestamp", timestamp, now, toleranceSeconds))
    return {false, std::move(*problem)};
  const std::optional<Poco::DigestEngine::Digest> signature = decodeBase64(signatureBase64);
  if (!signature) return {false, "X-Webhook-Signature is not base64"};
  Poco::Crypto::RSADigestEngine engine(*key_, "SHA256");
  const std::string content = signedContent(timestamp, url, body);
  engine.update(content.data(), static_cast<unsigned>(content.size()));
  if (!engine.verify(*signature))
    return {false,
            "X-Webhook-Signature does not verify (another key, or the body, URL or timestamp "
            "changed)"};
  return {true, ""};
}

}  // namespace manifold::webhooks
