#pragma once

#include <manifold/plugin.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sibling {

/// Where one secret comes from: the host's get_secret (an environment
/// variable) or a file the operator points at. The config names it; the value
/// never appears in the config.
struct SecretRef {
  enum class From { Env, File };
  From from = From::Env;
  std::string name;  ///< variable name or file path

  /// e.g. `env SIBLING_RAG_TOKEN` or `file /etc/manifold/rag.token`: fit for
  /// a log line or an error message, since it names, never quotes, the secret.
  std::string describe() const;
};

/// One sibling service as declared in `plugins.settings.sibling.services`.
struct ServiceSettings {
  std::string id;
  std::string description;  ///< for humans; describes its intents that have none
  std::vector<manifold::Intent> intents;
  std::string endpoint;  ///< without a trailing '/'; "" when not set (disabled)
  SecretRef authSecret;
  std::vector<SecretRef> webhookSecrets;  ///< several while a secret is rotated; may be empty
  int64_t timeoutMs = 30000;              ///< each call to the service
};

/// The plugin's settings, read and checked in one place. Every problem is
/// reported as manifold::Error(MF_ERR_INVALID) whose message names the field,
/// e.g. `services[2].endpoint: must start with http:// or https://`.
class SiblingSettings {
 public:
  /// `servicesJson` is the JSON text of the "services" setting; "" when the
  /// setting is absent (no services).
  static SiblingSettings parse(std::string_view servicesJson);
  /// Reads the "services" setting through the host's get_config.
  static SiblingSettings load(const manifold::Host& host);

  const std::vector<ServiceSettings>& services() const { return services_; }
  /// The service with this id, or null.
  const ServiceSettings* find(std::string_view id) const;

 private:
  std::vector<ServiceSettings> services_;
};

}  // namespace sibling
