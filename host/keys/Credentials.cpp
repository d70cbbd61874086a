#include "keys/Credentials.h"

#include <cctype>

namespace manifold::keys {
namespace {

bool plausible(std::string_view secret) {
  if (secret.empty() || secret.size() > kMaxSecretBytes) return false;
  for (char c : secret)
    if (!std::isgraph(static_cast<unsigned char>(c))) return false;
  return true;
}

}  // namespace

std::optional<std::string> presentedSecret(std::string_view authorization,
                                           std::string_view apiKey) {
  if (!authorization.empty()) {
    constexpr std::string_view scheme = "bearer ";
    if (authorization.size() <= scheme.size()) return std::nullopt;
    for (size_t i = 0; i < scheme.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(authorization[i])) != scheme[i])
        return std::nullopt;
    std::string_view secret = authorization.substr(scheme.size());
    while (!secret.empty() && secret.front() == ' ') secret.remove_prefix(1);
    while (!secret.empty() && secret.back() == ' ') secret.remove_suffix(1);
    if (!plausible(secret)) return std::nullopt;
    return std::string(secret);
  }
  if (!plausible(apiKey)) return std::nullopt;
  return std::string(apiKey);
}

}  // namespace manifold::keys
