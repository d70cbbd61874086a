#pragma once

#include <string>
#include <vector>

#include "engines/EngineCatalog.h"
#include "failover/ChainOutcome.h"
#include "failover/CircuitBreakers.h"
#include "turn/TurnObserver.h"
#include "upstream/CancellationToken.h"
#include "upstream/HttpExchange.h"

namespace manifold::media {

/// One media request for a chain of engines.
struct MediaRequest {
  std::string requestId;
  std::string keyId;      ///< the calling gateway key, for usage
  std::string mode;       ///< what the attempts table calls it: "image", "speech", ...
  std::string operation;  ///< an MF_MEDIA_* id
  std::string requestJson;
  std::vector<std::string> chain;  ///< engine ids, in order
  /// The engines of the request's config snapshot; borrowed for the walk.
  const engines::EngineCatalog* catalog = nullptr;
  turn::TurnObserver* observer = nullptr;               ///< may be null
  const upstream::CancellationToken* cancel = nullptr;  ///< may be null
  int attemptTimeoutMs = 120000;
  int deadlineMs = 300000;
};

/// How a media walk ended: `outcome` as a chat walk's (Answered, Rejected,
/// ClientGone, Exhausted), and the result JSON when answered.
struct MediaAnswer {
  failover::ChainOutcome outcome;
  std::string resultJson;
};

/// Walks a media chain as chat walks its chain: the same per-(engine, key)
/// breakers, key pools and failure dispositions (failover/FailureEffects).
/// An engine whose plugin makes no media, or that does not do this
/// operation (MF_NOT_FOUND), is skipped at no cost. A refusal
/// (MF_ERR_CONTENT_FILTER) or a request the provider calls invalid stops the
/// walk: no other engine is asked. Every attempt and skip goes to the
/// observer; an answer is billed with the usage its result reports.
class MediaChain {
 public:
  MediaChain(upstream::HttpExchange& http, failover::CircuitBreakers& breakers)
      : http_(http), breakers_(breakers) {}

  MediaAnswer run(const MediaRequest& request);

 private:
  upstream::HttpExchange& http_;
  failover::CircuitBreakers& breakers_;
};

}  // namespace manifold::media
