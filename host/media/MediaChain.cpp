#include "media/MediaChain.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/Timestamp.h>

#include "failover/FailureEffects.h"
#include "failover/LoggableReason.h"
#include "media/MediaCall.h"
#include "plugins/AbiStrings.h"

namespace manifold::media {
namespace {

using failover::AfterFailure;
using failover::BreakerKey;
using failover::ChainOutcome;
using failover::Clock;
using std::chrono::milliseconds;

Poco::Logger& logger() {
  return Poco::Logger::get("media");
}

// The usage a result reports ({"usage": {"input_tokens", "output_tokens"}}).
void addUsage(const std::string& resultJson, turn::AttemptReport& r) {
  try {
    const auto result = Poco::JSON::Parser().parse(resultJson).extract<Poco::JSON::Object::Ptr>();
    const auto usage = result->getObject("usage");
    if (!usage) return;
    r.usageKnown = true;
    r.promptTokens = usage->optValue<Poco::Int64>("input_tokens", 0);
    r.completionTokens = usage->optValue<Poco::Int64>("output_tokens", 0);
  } catch (const Poco::Exception&) {
  }
}

class MediaWalk {
 public:
  MediaWalk(upstream::HttpExchange& http, failover::CircuitBreakers& breakers,
            const MediaRequest& request)
      : call_(http),
        breakers_(breakers),
        request_(request),
        deadline_(Clock::now() + milliseconds(request.deadlineMs)) {}

  MediaAnswer run() {
    for (const std::string& id : request_.chain) {
      if (walkEngine(id)) return std::move(answer_);
    }
    answer_.outcome.kind = ChainOutcome::Kind::Exhausted;
    if (!allRateLimited_) answer_.outcome.error.retry_after_ms = 0;
    if (answer_.outcome.error.code == MF_ERR_NONE)
      answer_.outcome.error = plugins::makeError(MF_ERR_UNAVAILABLE, true, "no engine answered");
    return std::move(answer_);
  }

 private:
  // Returns true when the walk is over (answered, refused, client gone).
  bool walkEngine(const std::string& id) {
    const engines::EngineCatalog& catalog = *request_.catalog;
    const config::EngineConfig* cfg = catalog.engine(id);
    if (!cfg) return note(id, "unknown engine"), false;
    const int keys = catalog.keyCount(*cfg);
    if (keys == 0) return skip(id, 0, "no key in " + cfg->keySource()), false;
    for (int keyIndex = 0; keyIndex < keys; ++keyIndex) {
      if (request_.cancel && request_.cancel->cancelled())
        return stop(ChainOutcome::Kind::ClientGone);
      if (Clock::now() >= deadline_) {
        allRateLimited_ = false;
        note("chain", "deadline of " + std::to_string(request_.deadlineMs) + " ms passed");
        return false;
      }
      const BreakerKey key{id, keyIndex};
      const failover::Admission admission = breakers_.admit(key, Clock::now());
      if (!admission.usable()) {
        noteRateLimitedSkip(admission);
        skip(id, keyIndex, admission.reason);
        continue;
      }
      engines::EngineUnavailable why;
      std::optional<engines::ResolvedEngine> engine = catalog.resolve(id, why, keyIndex);
      if (!engine || !engine->provider->makesMedia()) {
        breakers_.released(key);
        return skip(id, keyIndex, engine ? "its plugin makes no media" : why.reason), false;
      }
      switch (attempt(*engine, key)) {
        case Next::Done:
          return true;
        case Next::NextKey:
          continue;
        case Next::NextEngine:
          return false;
      }
    }
    return false;
  }

  enum class Next { Done, NextKey, NextEngine };

  Next attempt(const engines::ResolvedEngine& engine, const BreakerKey& key) {
    const Clock::time_point attemptEnd =
        std::min(deadline_, Clock::now() + milliseconds(request_.attemptTimeoutMs));
    MediaAttempt a =
        call_.run(engine, request_.operation, request_.requestJson, attemptEnd, request_.cancel);
    if (a.status == MediaAttempt::Status::Unsupported) {
      breakers_.released(key);
      skip(key.engineId, key.keyIndex, "does not do " + request_.operation);
      return Next::NextEngine;
    }
    ChainOutcome& outcome = answer_.outcome;
    ++outcome.attempts;
    outcome.lastEngine = key.engineId;
    if (a.status == MediaAttempt::Status::Done) {
      breakers_.succeeded(key);
      record(key, "answered", "", &a);
      outcome.kind = ChainOutcome::Kind::Answered;
      answer_.resultJson = std::move(a.resultJson);
      return Next::Done;
    }
    const failover::FailureDisposition disposition = failover::dispositionOf(a.error);
    const std::string logged = failover::loggableReason(a.error);
    const bool cancelled = disposition == failover::FailureDisposition::Cancelled;
    const bool rejected = disposition == failover::FailureDisposition::Rejected;
    record(key, cancelled ? "cancelled" : rejected ? "rejected" : "failed", logged, &a);
    if (!cancelled)
      logger().information("[%s] %s %s (key %d) failed: %s", request_.requestId, request_.operation,
                           key.engineId, key.keyIndex + 1, logged);
    note(key.engineId, plugins::errorMessage(a.error), logged);
    outcome.error = a.error;
    if (disposition != failover::FailureDisposition::RateLimited) allRateLimited_ = false;
    switch (failover::settleFailure(breakers_, key, disposition, a.error)) {
      case AfterFailure::Stop:
        stop(cancelled ? ChainOutcome::Kind::ClientGone : ChainOutcome::Kind::Rejected);
        return Next::Done;
      case AfterFailure::NextStep:
        return Next::NextEngine;
      case AfterFailure::NextKey:
      case AfterFailure::Retry:
        return Next::NextKey;
    }
    return Next::NextKey;
  }

  bool stop(ChainOutcome::Kind kind) {
    answer_.outcome.kind = kind;
    return true;
  }

  void noteRateLimitedSkip(const failover::Admission& admission) {
    if (!admission.rateLimited) {
      allRateLimited_ = false;
      return;
    }
    mf_error& e = answer_.outcome.error;
    if (e.code == MF_ERR_NONE ||
        (e.code == MF_ERR_RATE_LIMITED && admission.retryInMs > 0 &&
         (e.retry_after_ms <= 0 || admission.retryInMs < e.retry_after_ms))) {
      e = plugins::makeError(MF_ERR_RATE_LIMITED, true, admission.reason);
      e.retry_after_ms = admission.retryInMs;
    }
  }

  void note(const std::string& engineId, const std::string& reason,
            const std::string& loggable = {}) {
    ChainOutcome& o = answer_.outcome;
    o.summary += (o.summary.empty() ? "" : "; ") + engineId + ": " + reason;
    o.loggableSummary += (o.loggableSummary.empty() ? "" : "; ") + engineId + ": " +
                         (loggable.empty() ? reason : loggable);
  }

  void skip(const std::string& engineId, int keyIndex, const std::string& reason) {
    note(engineId, "skipped: " + reason);
    record({engineId, keyIndex}, "skipped", reason, nullptr);
  }

  void record(const BreakerKey& key, const std::string& outcome, const std::string& reason,
              const MediaAttempt* a) {
    if (!request_.observer) return;
    turn::AttemptReport r;
    r.requestId = request_.requestId;
    r.keyId = request_.keyId;
    r.atMs = Poco::Timestamp().epochMicroseconds() / 1000;
    r.mode = request_.mode;
    r.engineId = key.engineId;
    r.keyIndex = key.keyIndex;
    r.outcome = outcome;
    r.reason = reason;
    if (a) {
      r.upstreamStatus = a->error.upstream_status;
      r.latencyMs = a->latencyMs;
      r.billed = a->status == MediaAttempt::Status::Done;
      if (r.billed) addUsage(a->resultJson, r);
    }
    request_.observer->attempt(r);
  }

  MediaCall call_;
  failover::CircuitBreakers& breakers_;
  const MediaRequest& request_;
  const Clock::time_point deadline_;
  MediaAnswer answer_;
  bool allRateLimited_ = true;
};

}  // namespace

MediaAnswer MediaChain::run(const MediaRequest& request) {
  return MediaWalk(http_, breakers_, request).run();
}

}  // namespace manifold::media
