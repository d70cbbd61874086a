// Cloudflare Workers AI: one engine key is "account_id:token" (the key pool
// rotates over several such pairs), and a model runs at
// {base}/accounts/{account_id}/ai/run/{model}.
#pragma once

#include <manifold/plugin.hpp>

#include <string>

namespace openai_compatible {

struct CloudflareAccount {
  std::string accountId;
  std::string token;

  /// Splits an engine key at its first ':'. Throws manifold::Error
  /// (MF_ERR_AUTH: this key cannot work, try the next) when it has no ':'.
  static CloudflareAccount fromKey(std::string_view key);

  /// The URL that runs `model` for this account.
  std::string runUrl(const std::string& baseUrl, std::string_view model) const;
};

}  // namespace openai_compatible
