#pragma once

#include <string>
#include <vector>

#include "chat/ChatRequest.h"
#include "config/GatewayConfig.h"
#include "engines/EngineCatalog.h"
#include "failover/AnswerSink.h"
#include "failover/ChainOutcome.h"
#include "failover/CircuitBreakers.h"
#include "store/AsyncAttemptWriter.h"
#include "upstream/HttpExchange.h"

namespace manifold::failover {

/// One request for the chain to answer.
struct ChainRequest {
  const chat::ChatRequest* request = nullptr;
  std::string requestId;
  std::string mode;                ///< empty when the client named an engine
  std::vector<std::string> chain;  ///< engine ids, in order
  config::ModeConfig policy;       ///< time limits and retry budget
  config::TrustConfig trust;       ///< how untrusted text is cleaned and wrapped
  upstream::ClientWatch* watch = nullptr;
};

/// Walks a chain of engines until one answers. Before an answer commits (its
/// first content event, or the whole answer for a non-streaming client), any
/// failure moves on invisibly: to the next key of the engine's pool, to the
/// next step, or (on the final step only) to a bounded retry with jittered
/// backoff. A failure the request caused is returned at once. Breakers and
/// cooldowns keep later requests off failing engine+keys, and every attempt
/// and skip is recorded with its reason. Every engine is sent the request as
/// trust::guardRequest leaves it, with one fresh nonce per request.
class FailoverEngine {
 public:
  FailoverEngine(engines::EngineCatalog& catalog, upstream::HttpExchange& http,
                 CircuitBreakers& breakers, store::AsyncAttemptWriter* recorder)
      : catalog_(catalog), http_(http), breakers_(breakers), recorder_(recorder) {}

  ChainOutcome run(const ChainRequest& request, AnswerSink& sink);

 private:
  friend class ChainWalk;
  engines::EngineCatalog& catalog_;
  upstream::HttpExchange& http_;
  CircuitBreakers& breakers_;
  store::AsyncAttemptWriter* recorder_;
};

}  // namespace manifold::failover
