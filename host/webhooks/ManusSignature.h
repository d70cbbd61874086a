#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "webhooks/StandardWebhooks.h"

namespace Poco::Crypto {
class RSAKey;
}

namespace manifold::webhooks {

/// Manus's webhook signature (API v2, "Webhook Security"): RSA-SHA256
/// (PKCS #1 v1.5) over "{timestamp}.{url}.{hex SHA-256 of the raw body}",
/// base64 in `X-Webhook-Signature`, the Unix seconds in `X-Webhook-Timestamp`,
/// 5 minutes either way. `url` is the full URL the webhook was registered
/// with, query included, as the sender saw it (server.public_url + path).
class ManusSignature {
 public:
  static constexpr int64_t kToleranceSeconds = 300;

  /// `publicKeyPem`: the PEM from Manus's webhook.publicKey. Throws
  /// std::invalid_argument when it is not an RSA public key.
  explicit ManusSignature(const std::string& publicKeyPem);
  ~ManusSignature();

  Verdict verify(std::string_view signatureBase64, std::string_view timestamp, std::string_view url,
                 std::string_view body, int64_t now,
                 int64_t toleranceSeconds = kToleranceSeconds) const;

  /// The string that is signed, for one delivery.
  static std::string signedContent(std::string_view timestamp, std::string_view url,
                                   std::string_view body);

 private:
  std::unique_ptr<Poco::Crypto::RSAKey> key_;
};

}  // namespace manifold::webhooks
