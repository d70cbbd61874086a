#include "keys/Authenticator.h"

#include <Poco/Environment.h>
#include <Poco/String.h>

#include <fstream>
#include <stdexcept>

#include "keys/Credentials.h"
#include "keys/Secrets.h"

namespace manifold::keys {

Authenticator::Authenticator(const std::string& masterSecret, const KeyDirectory& keys)
    : masterSha256_(masterSecret.empty() ? "" : sha256Hex(masterSecret)), keys_(keys) {}

std::variant<Identity, AuthFailure> Authenticator::authenticate(std::string_view authorization,
                                                                std::string_view apiKey,
                                                                bool loopbackPeer,
                                                                int64_t nowMs) const {
  const std::optional<std::string> secret = presentedSecret(authorization, apiKey);
  if (!masterKeySet() && !loopbackPeer) return AuthFailure::RemoteWithoutMasterKey;
  const std::string hash = secret ? sha256Hex(*secret) : std::string();
  if (secret && masterKeySet() && constantTimeEquals(hash, masterSha256_))
    return Identity{Identity::Kind::Master, {}};
  if (secret) {
    std::shared_ptr<const KeyRecord> key = keys_.bySecretHash(hash);
    if (key && constantTimeEquals(key->secretSha256, hash) && key->usableAt(nowMs))
      return Identity{Identity::Kind::Virtual, std::move(key)};
  }
  if (!masterKeySet()) return Identity{Identity::Kind::Anonymous, {}};
  return AuthFailure::Refused;
}

std::string loadMasterSecret(const std::string& masterKeyFile) {
  if (Poco::Environment::has("MANIFOLD_MASTER_KEY")) {
    const std::string value = Poco::trim(Poco::Environment::get("MANIFOLD_MASTER_KEY"));
    if (!value.empty()) return value;
  }
  if (masterKeyFile.empty()) return "";
  std::ifstream in(masterKeyFile, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read auth.master_key_file \"" + masterKeyFile + "\"");
  std::string line;
  std::getline(in, line);
  line = Poco::trim(line);
  if (line.empty())
    throw std::runtime_error("auth.master_key_file \"" + masterKeyFile + "\" is empty");
  return line;
}

}  // namespace manifold::keys
