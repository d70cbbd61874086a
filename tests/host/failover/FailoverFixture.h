#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "FakeProvider.h"
#include "support/HttpTestClient.h"
#include "support/OpenAiAssertions.h"
#include "support/TestGateway.h"

namespace manifold::test {

/// A gateway whose engines are openai-compatible steps on one fault-injecting
/// fake upstream, one route per engine (the engine id is the route).
class FailoverFixture : public ::testing::Test {
 protected:
  /// An engine on fake route `id`, with no key, tools and vision on.
  config::EngineConfig engine(const std::string& id, int64_t contextWindow = 8192) const;
  config::ModeConfig mode(const std::string& name, std::vector<std::string> chain) const;
  /// Starts the gateway; every engine id not in `engines` but in a chain is an error.
  void start(std::vector<config::EngineConfig> engines, std::vector<config::ModeConfig> modes,
             config::BreakerConfig breaker = fastBreaker());
  static config::BreakerConfig fastBreaker();

  HttpResult chat(const std::string& model, bool stream, const std::string& extra = "") const;
  /// The attempts table, one "engine:outcome:billed" string per row, in order.
  std::vector<std::string> attemptRows(const std::string& columns = "engine_id, outcome, billed");

  FakeProvider fake_;
  config::TrustConfig trust_;                  ///< what start() configures
  std::vector<std::string> extraEgressAllow_;  ///< egress.allow beyond the fake
  std::vector<std::string> extraPluginFiles_;  ///< beside openai-compatible.so
  config::ToolsConfig tools_;                  ///< what start() configures
  config::ConversationsConfig conversations_;  ///< what start() configures
  config::MemoryConfig memory_;                ///< what start() configures
  std::unique_ptr<TestGateway> gateway_;
};

}  // namespace manifold::test
