#pragma once

#include <chrono>
#include <functional>
#include <string>

#include "chat/CanonicalEvent.h"
#include "engines/EngineCatalog.h"
#include "upstream/HttpExchange.h"

namespace manifold::chat {

/// Receives the events of one attempt; returns false to stop it.
using EventHandler = std::function<bool(const CanonicalEvent&)>;

/// The time limits of one attempt.
struct AttemptLimits {
  upstream::Clock::time_point headDeadline;        ///< the upstream's response head
  upstream::Clock::time_point firstTokenDeadline;  ///< the first content event
  std::chrono::milliseconds idle{30000};           ///< longest silence after that
  bool stream = true;  ///< read the upstream as a stream, or as one whole response

  /// The same limit for every phase, counted from now.
  static AttemptLimits uniform(std::chrono::milliseconds limit) {
    const auto now = upstream::Clock::now();
    return {now + limit, now + limit, limit, true};
  }
};

/// How an attempt ended.
struct AttemptResult {
  bool ok = false;
  mf_error error{};  ///< filled when !ok
};

/// Runs one attempt of a request on one engine. A generating provider answers
/// in-process; a translator's request goes out through the host's HTTP client,
/// and its bytes are fed back to the adapter's stream parser (or, for a
/// non-streaming upstream read, to parse_response). Never throws.
///
/// Whatever the provider, answer text reaches the handler only after inline
/// <think> spans are split out of it as reasoning (see ThinkTagSplitter);
/// text held back as a possible tag is released before the finish event, or
/// when the attempt ends.
class ProviderCall {
 public:
  explicit ProviderCall(upstream::HttpExchange& http) : http_(http) {}

  AttemptResult run(const engines::ResolvedEngine& engine, const std::string& canonicalRequestJson,
                    const AttemptLimits& limits, const upstream::CancellationToken* cancel,
                    const EventHandler& onEvent);

 private:
  AttemptResult runTranslator(const engines::ResolvedEngine& engine, const mf_engine& abiEngine,
                              const std::string& canonicalRequestJson, const AttemptLimits& limits,
                              const upstream::CancellationToken* cancel,
                              const EventHandler& onEvent);

  upstream::HttpExchange& http_;
};

}  // namespace manifold::chat
