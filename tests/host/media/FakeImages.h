#pragma once

#include <Poco/Pipe.h>
#include <Poco/Process.h>

#include <manifold/json.hpp>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace manifold::test {

/// tests/fakes/images/server.mjs under node on loopback: OpenAI's, Workers
/// AI's and Gemini's image endpoints in their documented shapes.
class FakeImages {
 public:
  /// Why the fake cannot run here (node missing), or "".
  static std::string missingTool();

  /// `cloudflareAccounts`: "account:token" pairs the fake accepts.
  explicit FakeImages(const std::vector<std::string>& cloudflareAccounts = {});
  ~FakeImages();

  uint16_t port() const { return port_; }
  /// The base URL of one provider's fake: "openai" (…/openai/v1),
  /// "cloudflare" (…/cloudflare/client/v4) or "gemini".
  std::string baseUrl(const std::string& provider) const;
  /// Every request the fake saw, in order (see server.mjs).
  std::vector<json::Value> ledger() const;
  /// The requests to one provider's route.
  std::vector<json::Value> requestsTo(const std::string& route) const;
  /// Answers the provider's next `count` requests with `status`.
  void fault(const std::string& route, int status, int count = 1) const;

 private:
  std::unique_ptr<Poco::ProcessHandle> process_;
  Poco::Pipe output_;
  uint16_t port_ = 0;
};

}  // namespace manifold::test
