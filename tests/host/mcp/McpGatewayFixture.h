#pragma once

#include <gtest/gtest.h>

#include <manifold/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "support/TestGateway.h"

namespace manifold::test {

/// A real gateway on loopback with the tool probe toolset
/// (tests/plugins/probes/ToolProbe.cpp) and a master key: tool calls time
/// out after 300 ms, bodies over 64 KiB are refused, and
/// https://app.example.test is the one extra Origin /mcp allows.
class McpGatewayFixture : public ::testing::Test {
 protected:
  static const std::string kMaster;
  static const std::string kAllowedOrigin;

  /// `adjust` changes the config before the gateway starts; `plugins` are
  /// more plugin files for its folder.
  explicit McpGatewayFixture(const std::function<void(config::GatewayConfig&)>& adjust = {},
                             const std::vector<std::string>& plugins = {});
  ~McpGatewayFixture() override;

  static std::map<std::string, std::string> bearer(const std::string& secret) {
    return {{"Authorization", "Bearer " + secret}};
  }
  /// A new virtual key with these JSON fields ("name" is added); its secret.
  std::string createKey(const std::string& fields = "");

  /// POSTs a body to /mcp as `secret`, with extra headers.
  HttpResult mcp(const std::string& body, const std::string& secret = kMaster,
                 std::map<std::string, std::string> headers = {});
  /// initialize (2025-11-25) then notifications/initialized; the session id.
  std::string initialize(const std::string& secret = kMaster);
  /// One JSON-RPC request in a session; the parsed reply.
  json::Value inSession(const std::string& session, const std::string& method,
                        const std::string& params = "{}", const std::string& secret = kMaster);
  /// POSTs a body over the 64 KiB cap to `path` on a raw connection (the
  /// gateway answers before reading it, and closes); the response.
  HttpResult oversized(const std::string& path, const std::string& secret = kMaster);
  /// One 2026-07-28 request: _meta carries the version and capabilities.
  HttpResult stateless(const std::string& method, const std::string& params = "{}",
                       const std::string& secret = kMaster);

  std::unique_ptr<TestGateway> gateway_;
};

json::Value parseJson(const std::string& text);

}  // namespace manifold::test
