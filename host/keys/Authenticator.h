#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <variant>

#include "keys/KeyDirectory.h"

namespace manifold::keys {

/// Who a caller is, once authenticated.
struct Identity {
  enum class Kind {
    Master,     ///< presented the master key
    Virtual,    ///< presented a live virtual key
    Anonymous,  ///< no master key is set and the caller is on loopback
  };
  Kind kind = Kind::Anonymous;
  std::shared_ptr<const KeyRecord> key;  ///< when Virtual

  /// What the operator may do: the master, or anyone while no master is set.
  bool operatorRights() const { return kind != Kind::Virtual; }
};

/// Why authentication failed. Every failure gets the same 401 body, so a
/// caller cannot tell an unknown key from a revoked or expired one.
enum class AuthFailure { Refused, RemoteWithoutMasterKey };

/// Checks the credential a request presents:
/// - with a master key set (MANIFOLD_MASTER_KEY or auth.master_key_file),
///   every call needs the master key or a live virtual key;
/// - with none set, only loopback clients are served: one that presents a
///   live virtual key is that key (its limits apply), any other is
///   anonymous with operator rights; remote clients are refused.
/// Secrets are compared as SHA-256 digests, in constant time.
class Authenticator {
 public:
  /// `masterSecret` empty: no master key. `keys` must outlive this.
  Authenticator(const std::string& masterSecret, const KeyDirectory& keys);

  bool masterKeySet() const { return !masterSha256_.empty(); }
  std::variant<Identity, AuthFailure> authenticate(std::string_view authorization,
                                                   std::string_view apiKey, bool loopbackPeer,
                                                   int64_t nowMs) const;

 private:
  std::string masterSha256_;
  const KeyDirectory& keys_;
};

/// The master key's secret: the environment variable MANIFOLD_MASTER_KEY,
/// else the first line of `masterKeyFile` when set; "" for none. Throws when
/// the file is named but cannot be read (a start-up error).
std::string loadMasterSecret(const std::string& masterKeyFile);

}  // namespace manifold::keys
