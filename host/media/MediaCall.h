#pragma once

#include <manifold/plugin.h>

#include <string>

#include "engines/EngineCatalog.h"
#include "upstream/HttpExchange.h"

namespace manifold::media {

/// How one media attempt on one engine ended.
struct MediaAttempt {
  enum class Status {
    Done,         ///< `resultJson` holds the operation's result
    Unsupported,  ///< the engine does not do the operation: nothing was sent
    Failed,       ///< `error` says why, classified as for chat
  };
  Status status = Status::Failed;
  std::string resultJson;
  mf_error error{};
  int64_t latencyMs = 0;
};

/// Runs one media operation on one engine: the plugin builds the upstream
/// request, the host sends it (egress policy, pool, deadline, cancellation),
/// a non-2xx answer goes to classify_error and a 2xx body to
/// parse_media_response. Never throws.
class MediaCall {
 public:
  explicit MediaCall(upstream::HttpExchange& http) : http_(http) {}

  MediaAttempt run(const engines::ResolvedEngine& engine, const std::string& operation,
                   const std::string& requestJson, upstream::Clock::time_point deadline,
                   const upstream::CancellationToken* cancel);

 private:
  upstream::HttpExchange& http_;
};

}  // namespace manifold::media
