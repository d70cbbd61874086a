#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chat/AnswerAccumulator.h"
#include "chat/ProviderCall.h"
#include "failover/FailoverEngine.h"

namespace manifold::failover {

/// The state of one request's walk down its chain (see FailoverEngine).
class ChainWalk {
 public:
  ChainWalk(FailoverEngine& engine, const ChainRequest& request, AnswerSink& sink);
  ChainOutcome run();

 private:
  struct Attempt {
    chat::AttemptResult result;
    int64_t latencyMs = 0;
    int64_t ttftMs = -1;
  };
  enum class Next { Answered, Stop, NextKey, NextStep, SameKey };

  /// Why a step cannot be tried at all, or empty.
  std::string skipReason(const config::EngineConfig& engine) const;
  Next tryKey(size_t step, const engines::ResolvedEngine& engine, int keyIndex, bool lastStep,
              int& retriesLeft);
  Attempt attempt(const engines::ResolvedEngine& engine, const std::string& requestJson,
                  chat::AnswerAccumulator& answer);
  bool commit(const engines::ResolvedEngine& engine);
  bool commitsAnswer(const chat::CanonicalEvent& e);
  /// Notes that the client has gone; returns false, to stop the attempt.
  bool clientLeft();
  /// A step skipped while it rests: keeps the soonest Retry-After for the client.
  void noteRateLimitedSkip(const Admission& admission);
  Next afterCommitFailure(size_t step, const BreakerKey& key, const mf_error& error);
  bool continueElsewhere(size_t afterStep, const mf_error& original);
  bool pause(std::chrono::milliseconds delay);
  void record(const std::string& engineId, int keyIndex, const std::string& outcome,
              const std::string& reason, const Attempt* attempt, bool billed);
  /// Adds a step to the outcome's summary; `loggable`, when given, is what
  /// the log may say of it (see ChainOutcome::loggableSummary).
  void note(const std::string& engineId, const std::string& reason,
            const std::string& loggable = {});

  FailoverEngine& engine_;
  const ChainRequest& request_;
  AnswerSink& sink_;
  const bool streamUpstream_;
  const std::string requestJson_;
  const Clock::time_point deadline_;
  const engines::EngineCatalog& catalog_;
  ChainOutcome outcome_;
  chat::AnswerAccumulator answer_;
  std::vector<chat::CanonicalEvent> pending_;
  /// The tool-call indexes of this attempt that are gateway tools' calls.
  std::vector<int32_t> gatewayCalls_;
  std::vector<EarlierAttempt> earlier_;  ///< attempts before the commit, for the route
  bool committed_ = false;
  bool clientGone_ = false;
  int64_t contextFloor_ = 0;    ///< after a context-length error: windows must exceed this
  bool allRateLimited_ = true;  ///< every attempt so far was answered with a time to come back
};

}  // namespace manifold::failover
