#pragma once

#include <manifold/plugin.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace manus {

/// The plugin's settings (plugins.settings.manus in manifold.json). Each is
/// read from the config the instance was created with, else from the host's
/// get_config. README.md lists them.
struct ManusSettings {
  std::string baseUrl = "https://api.manus.ai";
  std::string apiKeyEnv = "MANUS_API_KEY";
  std::string apiKey;     ///< from the host's secrets; empty: the service is disabled
  std::string publicUrl;  ///< the gateway's public URL; set: a webhook is registered
  std::string agentProfile;
  std::string locale;
  std::string projectId;
  std::optional<bool> interactiveMode;
  std::optional<bool> hideInTaskList;
  int64_t timeoutMs = 30000;

  /// Throws manifold::Error (MF_ERR_INVALID) naming a setting of the wrong type.
  static ManusSettings read(const manifold::Host& host, std::string_view configJson);

  /// Where Manus delivers webhooks: {public_url}/webhooks/manus, or "".
  std::string webhookUrl() const;
};

}  // namespace manus
