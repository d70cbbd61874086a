#pragma once

#include <functional>
#include <string>
#include <vector>

#include "chat/ChatRequest.h"
#include "config/GatewayConfig.h"
#include "engines/EngineCatalog.h"
#include "failover/AnswerSink.h"
#include "failover/ChainOutcome.h"
#include "failover/CircuitBreakers.h"
#include "turn/TurnObserver.h"
#include "upstream/CancellationToken.h"
#include "upstream/HttpExchange.h"

namespace manifold::failover {

/// One request for the chain to answer.
struct ChainRequest {
  const chat::ChatRequest* request = nullptr;
  std::string requestId;
  std::string keyId;               ///< the calling gateway key, for reports
  std::string mode;                ///< empty when the client named an engine
  std::vector<std::string> chain;  ///< engine ids, in order
  config::ModeConfig policy;       ///< time limits and retry budget
  /// The engines of the turn's config snapshot; borrowed for the walk.
  const engines::EngineCatalog* catalog = nullptr;
  /// Receives every attempt and skip; may be null.
  turn::TurnObserver* observer = nullptr;
  /// Tripped when the answer is no longer wanted; may be null.
  const upstream::CancellationToken* cancel = nullptr;
  /// Names the tools the gateway runs itself (the tool loop's); may be
  /// empty. A call to one is internal: it commits no answer, so a failure
  /// before the first visible content still fails over.
  std::function<bool(const std::string& toolName)> isGatewayTool;
};

/// Walks a chain of engines until one answers. Before an answer commits (its
/// first content event, or the whole answer for a non-streaming client), any
/// failure moves on invisibly: to the next key of the engine's pool, to the
/// next step, or (on the final step only) to a bounded retry with jittered
/// backoff. A failure the request caused is returned at once. Breakers and
/// cooldowns keep later requests off failing engine+keys, and every attempt
/// and skip is reported to the request's observer with its reason. The request is sent as it is:
/// the caller has already put it behind the trust boundary (trust::guardRequest).
class FailoverEngine {
 public:
  FailoverEngine(upstream::HttpExchange& http, CircuitBreakers& breakers)
      : http_(http), breakers_(breakers) {}

  ChainOutcome run(const ChainRequest& request, AnswerSink& sink);

 private:
  friend class ChainWalk;
  upstream::HttpExchange& http_;
  CircuitBreakers& breakers_;
};

}  // namespace manifold::failover
