#pragma once

#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <string>
#include <string_view>

#include "ManusSettings.h"

namespace manus {

/// Calls the Manus API v2 through the host's http_fetch (so the egress policy
/// and the host's timeouts apply), with the x-manus-api-key header. Every
/// answer is the "ok" envelope; a failure throws manifold::Error: 401/403 an
/// auth error, 429 and 5xx retryable with Retry-After, others invalid.
class ManusClient {
 public:
  ManusClient(manifold::Host host, const ManusSettings& settings);

  /// GET {base}/v2/{method}?{name}={value}.
  manifold::json::Value get(std::string_view method, std::string_view name,
                            std::string_view value) const;
  /// GET {base}/v2/{method} with a query string already encoded.
  manifold::json::Value get(std::string_view method, const std::string& query = "") const;
  /// POST {base}/v2/{method} with a JSON body.
  manifold::json::Value post(std::string_view method, const manifold::json::Value& body) const;

  static std::string percentEncode(std::string_view value);

 private:
  manifold::json::Value send(manifold::HttpRequest request, std::string_view method) const;

  manifold::Host host_;
  const ManusSettings& settings_;
};

}  // namespace manus
