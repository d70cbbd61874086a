#pragma once

#include <manifold/json.hpp>

#include <map>
#include <string>
#include <vector>

#include "../failover/FailoverFixture.h"

namespace manifold::test {

/// A gateway with a master key and two modes on the fake upstream: "smart"
/// (engine chat-1) and "cheap" (engine cheap-1, for internal completions).
class MemoryGatewayFixture : public FailoverFixture {
 protected:
  static const std::string kMaster;

  /// Starts the gateway; `smart` may carry suggestions.
  void startGateway(config::ModeConfig smart);
  void startGateway() { startGateway(mode("smart", {"chat-1"})); }

  std::map<std::string, std::string> bearer(const std::string& secret) const {
    return {{"Authorization", "Bearer " + secret}};
  }
  /// A new gateway key's secret.
  std::string createKey(const std::string& name);
  /// POST /v1/chat/completions in mode smart as `secret`, with one user
  /// message after the given ones; `user` is the end user ("" for none).
  HttpResult chatAs(const std::string& secret, const std::string& text,
                    const std::string& user = "", const std::string& earlierMessages = "");
  /// POST /api/chat in mode smart as `secret`.
  HttpResult nativeAs(const std::string& secret, const std::string& text);
  /// POST /v1/memory as `secret`; the response.
  HttpResult remember(const std::string& secret, const std::string& text,
                      const std::string& user = "");
  /// The texts GET /v1/memory[?user=] lists for `secret`, in order.
  std::vector<std::string> listed(const std::string& secret, const std::string& user = "");
  /// The messages of the last request that reached fake route `route`.
  json::Value lastUpstreamMessages(const std::string& route) const;
};

json::Value parsed(const std::string& text);

}  // namespace manifold::test
