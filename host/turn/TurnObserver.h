#pragma once

#include <cstdint>
#include <string>

namespace manifold::turn {

/// One attempt of a turn on one engine and key, or one step skipped: what it
/// cost, how long it took, and why it ended as it did.
struct AttemptReport {
  std::string requestId;
  std::string keyId;  ///< the gateway key that made the request; "" for the master or anonymous
  int64_t atMs = 0;   ///< wall clock, ms since the epoch
  std::string mode;
  std::string engineId;
  int keyIndex = 0;
  std::string outcome;  ///< answered, failed, skipped, rejected, cancelled, continued
  std::string reason;
  int upstreamStatus = 0;
  int64_t latencyMs = 0;
  int64_t ttftMs = -1;
  bool billed = false;  ///< only an answer that reached the client is billed
  int64_t promptTokens = 0;
  int64_t completionTokens = 0;
  int64_t cachedTokens = 0;
  int64_t cacheWriteTokens = 0;
  int64_t reasoningTokens = 0;
  /// False when the provider reported no usage at all (tokens unknown, not 0).
  bool usageKnown = false;
};

/// How a whole turn ended, once.
struct TurnReport {
  std::string requestId;
  std::string keyId;
  std::string api;      ///< openai, anthropic, native
  std::string mode;     ///< the mode whose chain served it; "" when an engine was named
  std::string target;   ///< what the route stage chose: mode, plugin intent or engine
  std::string outcome;  ///< answered, failed_after_commit, client_gone, rejected, exhausted, ...
  int status = 200;     ///< the HTTP status the client got (200 once committed)
  int attempts = 0;
  std::string engineId;  ///< the engine that answered, or the last one tried
  int64_t latencyMs = 0;
};

/// The observe stage: receives every attempt and skip as it happens, and each
/// turn's outcome when it ends. The stages above report here and know nothing
/// of where it goes (the store's attempt writer; metrics later). Called on
/// the answer's path: implementations must only queue, never block.
class TurnObserver {
 public:
  virtual ~TurnObserver() = default;
  virtual void attempt(const AttemptReport& report) = 0;
  virtual void finished(const TurnReport& /*report*/) {}
};

}  // namespace manifold::turn
