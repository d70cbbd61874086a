#pragma once

#include <functional>
#include <string>

#include "chat/CanonicalEvent.h"
#include "engines/EngineCatalog.h"
#include "upstream/HttpExchange.h"

namespace manifold::chat {

/// Receives the events of one attempt; returns false to stop it.
using EventHandler = std::function<bool(const CanonicalEvent&)>;

/// How an attempt ended.
struct AttemptResult {
  bool ok = false;
  mf_error error{};  ///< filled when !ok
};

/// Runs one attempt of a request on one engine. A generating provider answers
/// in-process; a translator's request goes out through the host's HTTP client
/// and its response bytes are fed back to the adapter. Never throws.
class ProviderCall {
 public:
  explicit ProviderCall(upstream::HttpExchange& http) : http_(http) {}

  AttemptResult run(const engines::ResolvedEngine& engine, const std::string& canonicalRequestJson,
                    bool stream, const EventHandler& onEvent);

 private:
  AttemptResult runTranslator(const engines::ResolvedEngine& engine, const mf_engine& abiEngine,
                              const std::string& canonicalRequestJson, bool stream,
                              const EventHandler& onEvent);

  upstream::HttpExchange& http_;
};

}  // namespace manifold::chat
