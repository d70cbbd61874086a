#pragma once

#include <manifold/plugin.h>
#include <manifold/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "chat/CanonicalEvent.h"
#include "plugins/AbiStrings.h"
#include "support/EventLine.h"
#include "support/LoadedProvider.h"

namespace manifold::test {

using Events = std::vector<std::string>;

/// The bytes of tests/fixtures/<provider>/<name>; fails the test when absent.
std::string readFixture(const std::string& provider, const std::string& name);

struct StreamResult {
  Events events;
  bool ok = true;  // every feed and the finish succeeded
  mf_error error = plugins::blankError();
};

struct BuiltRequest {
  int32_t rc = MF_FAILED;
  mf_error error = plugins::blankError();
  std::string method;
  std::string url;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  json::Value json() const { return json::parse(body).value_or(json::Value()); }
  /// The header's value, or "<absent>".
  std::string header(const std::string& name) const;
};

/// A provider adapter loaded through the real plugin loader and driven
/// through its C API, as the host drives it. The engine fields are public so
/// that a test can change the engine before a call.
class ProviderHarness {
 public:
  ProviderHarness(const std::string& library, const std::string& pluginId);

  /// Null when the plugin failed to load; `problem()` says why.
  bool loaded() const { return provider_.instance() != nullptr; }
  const std::string& problem() const { return provider_.problem(); }

  BuiltRequest build(const std::string& canonicalJson) const;
  /// Feeds the pieces in order, then finishes; stops at the first failure.
  /// `stopAfter` >= 0 makes the sink refuse events once that many arrived.
  StreamResult stream(const std::vector<std::string>& pieces, int stopAfter = -1) const;
  StreamResult streamWhole(const std::string& bytes) const { return stream({bytes}); }
  /// Feeds one byte at a time.
  StreamResult streamByteByByte(const std::string& bytes) const;
  StreamResult parse(const std::string& body) const;
  /// Feeds `bytes` whole, split at every offset into two pieces, and one
  /// byte at a time; every way must succeed with `expected`. Failures name
  /// `name` and the split.
  void expectEveryFeedingGives(const std::string& name, const std::string& bytes,
                               const Events& expected) const;
  mf_error classify(int32_t status, const std::string& body,
                    const std::vector<std::pair<std::string, std::string>>& headers = {}) const;

  std::string engineId_ = "engine";
  std::string model_ = "model";
  std::string baseUrl_;
  std::string apiKey_ = "sk-test-secret-0123";
  std::string options_ = "{}";

 private:
  const mf_provider_api& api() const { return provider_.instance()->api(); }
  void* self() const { return provider_.instance()->handle(); }
  mf_engine engine() const;

  LoadedProvider provider_;
};

}  // namespace manifold::test
