#pragma once

#include <gtest/gtest.h>

#include <manifold/json.hpp>

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "support/TestGateway.h"

namespace manifold::test {

/// A real gateway with the task probe dispatcher (tests/plugins/probes/
/// TaskProbe.cpp: plugin "taskprobe", services "echo" and the disabled
/// "off"), fast polling, a master key, and a Standard Webhooks secret for
/// deliveries to /webhooks/taskprobe/echo.
class TaskGatewayFixture : public ::testing::Test {
 protected:
  static const std::string kMaster;
  static const std::string kSecret;         ///< the probe's current webhook secret
  static const std::string kRotatedSecret;  ///< its other one (rotation)
  static const std::string kPublicUrl;

  /// `adjust` changes the config before the gateway starts.
  explicit TaskGatewayFixture(const std::function<void(config::GatewayConfig&)>& adjust = {});
  ~TaskGatewayFixture() override;

  std::map<std::string, std::string> bearer(const std::string& secret) const {
    return {{"Authorization", "Bearer " + secret}};
  }
  /// A new gateway key's secret.
  std::string createKey(const std::string& name);
  /// POST /v1/tasks as `secret`; returns the reply.
  HttpResult createTask(const std::string& body, const std::string& secret);
  /// The task's id after a 201, failing the test otherwise.
  std::string createdId(const std::string& body, const std::string& secret);
  /// GET /v1/tasks/{id} as `secret`, parsed.
  json::Value task(const std::string& id, const std::string& secret);
  /// Waits for the task to reach `state`.
  bool reaches(const std::string& id, const std::string& secret, const std::string& state);

  /// Headers of a Standard Webhooks delivery signed with `secret`.
  static std::map<std::string, std::string> signedHeaders(const std::string& secret,
                                                          const std::string& id, int64_t timestamp,
                                                          const std::string& body);
  HttpResult deliver(const std::string& body, const std::map<std::string, std::string>& headers,
                     const std::string& path = "/webhooks/taskprobe/echo");
  static int64_t now();

  std::unique_ptr<TestGateway> gateway_;
};

json::Value parsed(const std::string& text);

}  // namespace manifold::test
