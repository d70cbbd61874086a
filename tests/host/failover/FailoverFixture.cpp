#include "FailoverFixture.h"

#include "support/AttemptRows.h"
#include "support/TestPaths.h"

namespace manifold::test {

config::EngineConfig FailoverFixture::engine(const std::string& id, int64_t contextWindow) const {
  config::EngineConfig e;
  e.id = id;
  e.provider = "openai-compatible";
  e.model = "model-" + id;
  e.baseUrl = fake_.baseUrl(id);
  e.contextWindow = contextWindow;
  e.capabilities.tools = true;
  e.capabilities.vision = true;
  return e;
}

config::ModeConfig FailoverFixture::mode(const std::string& name,
                                         std::vector<std::string> chain) const {
  config::ModeConfig m;
  m.name = name;
  m.chain = std::move(chain);
  m.headerTimeoutMs = 2000;
  m.firstTokenTimeoutMs = 2000;
  m.idleTimeoutMs = 2000;
  m.deadlineMs = 10000;
  return m;
}

config::BreakerConfig FailoverFixture::fastBreaker() {
  config::BreakerConfig b;
  b.failureThreshold = 3;
  b.cooldownMs = 300;
  b.authCooldownMs = 60000;
  return b;
}

void FailoverFixture::start(std::vector<config::EngineConfig> engines,
                            std::vector<config::ModeConfig> modes, config::BreakerConfig breaker) {
  config::GatewayConfig c;
  c.server.host = "127.0.0.1";
  c.server.port = 0;
  c.server.maxThreads = 64;
  c.plugins.watchIntervalMs = 50;
  c.breaker = breaker;
  c.trust = trust_;
  // Loopback is refused by default: the fake upstream is the one exception,
  // plus whatever a test adds.
  c.egress.allow = extraEgressAllow_;
  c.egress.allow.push_back("127.0.0.1:" + std::to_string(fake_.port()));
  c.engines = std::move(engines);
  c.modes = std::move(modes);
  c.tools = tools_;
  c.conversations = conversations_;
  c.memory = memory_;
  std::vector<std::string> plugins = extraPluginFiles_;
  plugins.push_back(pluginOutputDir() + "/openai-compatible.so");
  gateway_ = std::make_unique<TestGateway>(std::move(c), plugins);
}

HttpResult FailoverFixture::chat(const std::string& model, bool stream,
                                 const std::string& extra) const {
  return gateway_->client().post("/v1/chat/completions", chatBody(model, stream, extra));
}

std::vector<std::string> FailoverFixture::attemptRows(const std::string& columns) {
  gateway_->server().flushAttempts();
  return test::attemptRows(gateway_->storePath(), columns);
}

}  // namespace manifold::test
