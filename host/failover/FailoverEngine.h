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
  upstream::ClientWatch* watch = nullptr;
};

/// Walks a chain of engines until one answers. Before an answer commits (its
/// first content event, or the whole answer for a non-streaming client), any
/// failure moves on invisibly: to the next key of the engine's pool, to the
/// next step, or (on the final step only) to a bounded retry with jittered
/// backoff. A failure the request caused is returned at once. Breakers and
/// cooldowns keep later requests off failing engine+keys, and every attempt
/// and skip is recorded with its reason. The request is sent as it is: the
/// caller has already put it behind the trust boundary (trust::guardRequest).
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
