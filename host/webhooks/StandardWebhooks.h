#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace manifold::webhooks {

/// The outcome of checking one delivery. `reason` says why it was refused,
/// in words fit for a log line; it never quotes the secret.
struct Verdict {
  bool valid = false;
  std::string reason;
};

/// The Standard Webhooks signature scheme (standardwebhooks.com): a delivery
/// carries `webhook-id`, `webhook-timestamp` (Unix seconds) and
/// `webhook-signature`, a space-separated list of `v1,<base64>` entries, each
/// the HMAC-SHA256 of "id.timestamp.body" under the secret's key. Several
/// entries let a sender rotate secrets: any one valid entry is enough.
///
/// This is only the cryptography and the clock check. Replay protection
/// (refusing an id seen before) needs memory of past ids and belongs to the
/// caller that has a store.
class StandardWebhooks {
 public:
  static constexpr int64_t kDefaultToleranceSeconds = 300;

  /// `secret` is "whsec_<base64 key>" or the bare base64 key. Throws
  /// std::invalid_argument when it is empty or not base64: a bad secret is a
  /// configuration error.
  explicit StandardWebhooks(std::string_view secret);

  /// The `webhook-signature` value for one delivery: "v1,<base64>".
  std::string sign(std::string_view id, int64_t timestamp, std::string_view body) const;

  /// Checks a delivery's three headers and its raw body at Unix time `now`.
  /// Valid when the timestamp is an integer within `toleranceSeconds` of now
  /// (either way) and at least one v1 entry matches; entries of other versions
  /// are skipped. Digests are compared in constant time.
  Verdict verify(std::string_view id, std::string_view timestamp, std::string_view signatures,
                 std::string_view body, int64_t now,
                 int64_t toleranceSeconds = kDefaultToleranceSeconds) const;

 private:
  std::string digest(std::string_view id, std::string_view timestamp, std::string_view body) const;

  std::string key_;
};

}  // namespace manifold::webhooks
