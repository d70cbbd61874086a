#include "failover/ChainWalk.h"

#include <Poco/Logger.h>
#include <Poco/Timestamp.h>
#include <poll.h>

#include <algorithm>
#include <random>

#include "failover/FailureDisposition.h"
#include "failover/FailureEffects.h"
#include "failover/LoggableReason.h"
#include "plugins/AbiStrings.h"

namespace manifold::failover {
namespace {

using std::chrono::milliseconds;

constexpr milliseconds kLeastUsefulBudget{10};

Poco::Logger& logger() {
  return Poco::Logger::get("failover");
}

int64_t msSince(Clock::time_point start) {
  return std::chrono::duration_cast<milliseconds>(Clock::now() - start).count();
}

// Full jitter around an exponential base: 100 ms, 200 ms, ... each scaled by
// a random factor in [0.5, 1.5), so clients retrying together spread out.
milliseconds backoff(int retry) {
  thread_local std::mt19937 random{std::random_device{}()};
  std::uniform_real_distribution<double> factor(0.5, 1.5);
  return milliseconds(static_cast<int64_t>(100.0 * (1 << retry) * factor(random)));
}

mf_error errorFrom(const chat::CanonicalEvent& inBand) {
  return plugins::makeError(inBand.errorCode ? inBand.errorCode : MF_ERR_UNAVAILABLE,
                            inBand.retryable, kInBandPrefix + inBand.text);
}

}  // namespace

ChainWalk::ChainWalk(FailoverEngine& engine, const ChainRequest& request, AnswerSink& sink)
    : engine_(engine),
      request_(request),
      sink_(sink),
      streamUpstream_(request.policy.alwaysStreamUpstream || request.request->stream),
      requestJson_(chat::toCanonicalJson(*request.request, streamUpstream_)),
      deadline_(Clock::now() + milliseconds(request.policy.deadlineMs)),
      catalog_(*request.catalog) {}

void ChainWalk::note(const std::string& engineId, const std::string& reason,
                     const std::string& loggable) {
  outcome_.summary += (outcome_.summary.empty() ? "" : "; ") + engineId + ": " + reason;
  outcome_.loggableSummary += (outcome_.loggableSummary.empty() ? "" : "; ") + engineId + ": " +
                              (loggable.empty() ? reason : loggable);
}

void ChainWalk::record(const std::string& engineId, int keyIndex, const std::string& outcome,
                       const std::string& reason, const Attempt* attempt, bool billed) {
  if (attempt && !committed_) earlier_.push_back({engineId, outcome, reason});
  if (!request_.observer) return;
  turn::AttemptReport r;
  r.requestId = request_.requestId;
  r.atMs = Poco::Timestamp().epochMicroseconds() / 1000;
  r.mode = request_.mode;
  r.engineId = engineId;
  r.keyIndex = keyIndex;
  r.outcome = outcome;
  r.reason = reason;
  if (attempt) {
    r.upstreamStatus = attempt->result.error.upstream_status;
    r.latencyMs = attempt->latencyMs;
    r.ttftMs = attempt->ttftMs;
  }
  r.billed = billed;
  r.keyId = request_.keyId;
  if (billed && answer_.hasUsage()) {
    const chat::CanonicalEvent& u = answer_.usage();
    r.usageKnown = true;
    r.promptTokens = std::max<int64_t>(u.promptTokens, 0);
    r.completionTokens = std::max<int64_t>(u.completionTokens, 0);
    r.cachedTokens = std::max<int64_t>(u.cachedTokens, 0);
    r.cacheWriteTokens = std::max<int64_t>(u.cacheWriteTokens, 0);
    r.reasoningTokens = std::max<int64_t>(u.reasoningTokens, 0);
  }
  request_.observer->attempt(r);
}

std::string ChainWalk::skipReason(const config::EngineConfig& engine) const {
  const chat::ChatRequest& r = *request_.request;
  if (contextFloor_ > 0 && engine.contextWindow <= contextFloor_)
    return "context window " + std::to_string(engine.contextWindow) + " is not larger than " +
           std::to_string(contextFloor_);
  if (r.hasImages() && !engine.capabilities.vision) return "cannot read images";
  if (r.usesTools() && !engine.capabilities.tools) return "does not support tools";
  if (r.wantsJson() && !engine.capabilities.jsonMode) return "has no JSON mode";
  return "";
}

bool ChainWalk::pause(milliseconds delay) {
  const milliseconds bounded =
      std::min(delay, std::chrono::duration_cast<milliseconds>(deadline_ - Clock::now()));
  if (bounded.count() <= 0) return true;
  if (!request_.cancel) {
    ::poll(nullptr, 0, static_cast<int>(bounded.count()));
    return true;
  }
  return request_.cancel->sleepFor(bounded);
}

void ChainWalk::noteRateLimitedSkip(const Admission& admission) {
  if (!admission.rateLimited) {
    allRateLimited_ = false;
    return;
  }
  // The client hears the soonest time any step may answer again.
  mf_error& e = outcome_.error;
  if (e.code == MF_ERR_NONE) {
    e = plugins::makeError(MF_ERR_RATE_LIMITED, true, admission.reason);
    e.retry_after_ms = admission.retryInMs;
  } else if (e.code == MF_ERR_RATE_LIMITED &&
             (e.retry_after_ms <= 0 || admission.retryInMs < e.retry_after_ms)) {
    e.retry_after_ms = admission.retryInMs;
  }
}

bool ChainWalk::clientLeft() {
  clientGone_ = true;
  return false;
}

bool ChainWalk::commit(const engines::ResolvedEngine& engine) {
  committed_ = true;
  const plugins::PluginLibrary& plugin = engine.provider->library();
  RouteInfo route;
  route.engineId = engine.config->id;
  route.providerId = plugin.id();
  route.providerVersion = plugin.version();
  route.mode = request_.mode;
  route.attempts = outcome_.attempts;
  route.earlier = std::move(earlier_);
  if (!sink_.begin(route)) return clientLeft();
  for (const chat::CanonicalEvent& e : pending_)
    if (!sink_.event(e)) return clientLeft();
  pending_.clear();
  return true;
}

// Content commits the answer, except a call to a tool the gateway runs
// itself: its first delta names the tool, later ones only repeat its index.
bool ChainWalk::commitsAnswer(const chat::CanonicalEvent& e) {
  if (!e.isContent()) return false;
  if (e.type != chat::CanonicalEvent::Type::ToolCallDelta || !request_.isGatewayTool) return true;
  const bool known =
      std::find(gatewayCalls_.begin(), gatewayCalls_.end(), e.toolIndex) != gatewayCalls_.end();
  if (known) return false;
  if (!e.toolName.empty() && request_.isGatewayTool(e.toolName)) {
    gatewayCalls_.push_back(e.toolIndex);
    return false;
  }
  return true;
}

ChainWalk::Attempt ChainWalk::attempt(const engines::ResolvedEngine& engine,
                                      const std::string& requestJson,
                                      chat::AnswerAccumulator& answer) {
  const Clock::time_point start = Clock::now();
  const config::ModeConfig& policy = request_.policy;
  chat::AttemptLimits limits;
  limits.headDeadline = std::min(start + milliseconds(policy.headerTimeoutMs), deadline_);
  limits.firstTokenDeadline = std::min(start + milliseconds(policy.firstTokenTimeoutMs), deadline_);
  limits.idle = milliseconds(policy.idleTimeoutMs);
  limits.stream = streamUpstream_;
  if (!streamUpstream_)  // a whole answer comes with its head: only the chain bounds it
    limits.headDeadline = limits.firstTokenDeadline = deadline_;

  Attempt a;
  gatewayCalls_.clear();
  std::optional<chat::CanonicalEvent> inBand;
  auto onEvent = [&](const chat::CanonicalEvent& e) {
    if (e.type == chat::CanonicalEvent::Type::Error) {
      inBand = e;
      return false;
    }
    if (e.type == chat::CanonicalEvent::Type::Meta) return true;
    if (a.ttftMs < 0 && e.isContent()) a.ttftMs = msSince(start);
    answer.add(e);
    if (!sink_.streaming()) return true;
    if (committed_) return sink_.event(e) || clientLeft();
    pending_.push_back(e);
    return !commitsAnswer(e) || commit(engine);
  };
  chat::ProviderCall call(engine_.http_);
  a.result = call.run(engine, requestJson, limits, request_.cancel, onEvent);
  a.latencyMs = msSince(start);
  if (clientGone_) {
    a.result.ok = false;
    a.result.error = plugins::makeError(MF_ERR_CANCELLED, false, "the client went away");
  } else if (inBand) {
    a.result.ok = false;
    a.result.error = errorFrom(*inBand);
  }
  if (!a.result.ok && !committed_) {
    pending_.clear();
    answer = chat::AnswerAccumulator();  // a failed attempt leaves nothing behind
  }
  return a;
}

ChainWalk::Next ChainWalk::afterCommitFailure(size_t step, const BreakerKey& key,
                                              const mf_error& error) {
  if (error.code == MF_ERR_CANCELLED) {
    engine_.breakers_.released(key);
    outcome_.kind = ChainOutcome::Kind::ClientGone;
    return Next::Stop;
  }
  engine_.breakers_.failed(key, Clock::now());
  logger().warning("[%s] %s failed after the first token: %s", request_.requestId, key.engineId,
                   loggableReason(error));
  if (request_.policy.continuation && continueElsewhere(step, error)) {
    outcome_.kind = ChainOutcome::Kind::Answered;
    return Next::Answered;
  }
  if (clientGone_) {
    outcome_.kind = ChainOutcome::Kind::ClientGone;
    return Next::Stop;
  }
  sink_.abort(error);
  outcome_.kind = ChainOutcome::Kind::FailedAfterCommit;
  outcome_.error = error;
  return Next::Stop;
}

bool ChainWalk::continueElsewhere(size_t afterStep, const mf_error& original) {
  const std::string prefill = answer_.text();
  if (prefill.empty() || !answer_.toolCalls().empty()) return false;
  const std::string json = chat::toCanonicalJson(*request_.request, streamUpstream_, prefill);
  for (size_t step = afterStep + 1; step < request_.chain.size(); ++step) {
    const config::EngineConfig* cfg = catalog_.engine(request_.chain[step]);
    if (!cfg || !cfg->capabilities.prefill || !skipReason(*cfg).empty()) continue;
    for (int keyIndex = 0; keyIndex < catalog_.keyCount(*cfg); ++keyIndex) {
      const BreakerKey key{cfg->id, keyIndex};
      if (!engine_.breakers_.admit(key, Clock::now()).usable()) continue;
      engines::EngineUnavailable why;
      std::optional<engines::ResolvedEngine> resolved = catalog_.resolve(cfg->id, why, keyIndex);
      if (!resolved) {
        engine_.breakers_.released(key);
        continue;
      }
      ++outcome_.attempts;
      Attempt a = attempt(*resolved, json, answer_);
      if (a.result.ok) {
        engine_.breakers_.succeeded(key);
        record(cfg->id, keyIndex, "continued", "continued after: " + loggableReason(original), &a,
               true);
        sink_.end(answer_);
        return true;
      }
      // Whatever went wrong here, the client hears the original failure.
      if (a.result.error.code == MF_ERR_CANCELLED) {
        engine_.breakers_.released(key);
        return false;
      }
      engine_.breakers_.failed(key, Clock::now());
      record(cfg->id, keyIndex, "failed", "continuation: " + loggableReason(a.result.error), &a,
             false);
      return false;
    }
  }
  return false;
}

ChainWalk::Next ChainWalk::tryKey(size_t step, const engines::ResolvedEngine& engine, int keyIndex,
                                  bool lastStep, int& retriesLeft) {
  const std::string& id = engine.config->id;
  const BreakerKey key{id, keyIndex};
  ++outcome_.attempts;
  outcome_.lastEngine = id;
  Attempt a = attempt(engine, requestJson_, answer_);
  if (a.result.ok) {
    engine_.breakers_.succeeded(key);
    if (!committed_ && !commit(engine)) {
      outcome_.kind = ChainOutcome::Kind::ClientGone;
      record(id, keyIndex, "cancelled", "the client went away", &a, false);
      return Next::Stop;
    }
    sink_.end(answer_);
    record(id, keyIndex, "answered", "", &a, true);
    outcome_.kind = ChainOutcome::Kind::Answered;
    return Next::Answered;
  }
  const mf_error& error = a.result.error;
  const std::string reason = plugins::errorMessage(error);  // the client's own answer may say it
  const std::string logged = loggableReason(error);         // logs and the table may not
  if (committed_) {
    record(id, keyIndex, error.code == MF_ERR_CANCELLED ? "cancelled" : "failed", logged, &a,
           false);
    return afterCommitFailure(step, key, error);
  }

  const FailureDisposition disposition = dispositionOf(error);
  record(id, keyIndex,
         disposition == FailureDisposition::Cancelled  ? "cancelled"
         : disposition == FailureDisposition::Rejected ? "rejected"
                                                       : "failed",
         logged, &a, false);
  if (disposition != FailureDisposition::Cancelled)
    logger().information("[%s] %s (key %d) failed before the first token: %s", request_.requestId,
                         id, keyIndex + 1, logged);
  note(id, reason, logged);
  outcome_.error = error;
  if (disposition != FailureDisposition::RateLimited) allRateLimited_ = false;
  switch (settleFailure(engine_.breakers_, key, disposition, error)) {
    case AfterFailure::Stop:
      outcome_.kind = disposition == FailureDisposition::Cancelled ? ChainOutcome::Kind::ClientGone
                                                                   : ChainOutcome::Kind::Rejected;
      return Next::Stop;
    case AfterFailure::NextStep:
      if (disposition == FailureDisposition::ContextLength)
        contextFloor_ = std::max(contextFloor_, engine.config->contextWindow);
      return Next::NextStep;
    case AfterFailure::NextKey:
      return Next::NextKey;
    case AfterFailure::Retry:
      if (!lastStep || retriesLeft <= 0 || keyIndex + 1 < catalog_.keyCount(*engine.config))
        return Next::NextKey;
      if (!pause(backoff(request_.policy.maxRetries - retriesLeft))) {
        outcome_.kind = ChainOutcome::Kind::ClientGone;
        return Next::Stop;
      }
      --retriesLeft;
      return Next::SameKey;
  }
  return Next::NextKey;
}

ChainOutcome ChainWalk::run() {
  const std::vector<std::string>& chain = request_.chain;
  for (size_t step = 0; step < chain.size(); ++step) {
    const std::string& id = chain[step];
    const config::EngineConfig* cfg = catalog_.engine(id);
    if (!cfg) {
      note(id, "unknown engine");
      continue;
    }
    if (const std::string why = skipReason(*cfg); !why.empty()) {
      note(id, "skipped: " + why);
      record(id, 0, "skipped", why, nullptr, false);
      continue;
    }
    const int keys = catalog_.keyCount(*cfg);
    if (keys == 0) {
      note(id, "skipped: no key in " + cfg->keySource());
      continue;
    }
    int retriesLeft = request_.policy.maxRetries;
    for (int keyIndex = 0; keyIndex < keys;) {
      if (request_.cancel && request_.cancel->cancelled()) {
        outcome_.kind = ChainOutcome::Kind::ClientGone;
        return outcome_;
      }
      // An attempt with almost no time left cannot answer; say why the walk ended.
      if (Clock::now() + kLeastUsefulBudget >= deadline_) {
        note("chain", "deadline of " + std::to_string(request_.policy.deadlineMs) + " ms passed");
        allRateLimited_ = false;
        step = chain.size();
        break;
      }
      const BreakerKey key{id, keyIndex};
      const Admission admission = engine_.breakers_.admit(key, Clock::now());
      if (!admission.usable()) {
        noteRateLimitedSkip(admission);
        note(id, "skipped: " + admission.reason);
        record(id, keyIndex, "skipped", admission.reason, nullptr, false);
        ++keyIndex;
        continue;
      }
      engines::EngineUnavailable why;
      std::optional<engines::ResolvedEngine> engine = catalog_.resolve(id, why, keyIndex);
      if (!engine) {
        engine_.breakers_.released(key);
        note(id, "skipped: " + why.reason);
        record(id, keyIndex, "skipped", why.reason, nullptr, false);
        break;
      }
      const bool lastStep = step + 1 == chain.size();
      switch (tryKey(step, *engine, keyIndex, lastStep, retriesLeft)) {
        case Next::Answered:
        case Next::Stop:
          return outcome_;
        case Next::SameKey:
          continue;
        case Next::NextKey:
          ++keyIndex;
          continue;
        case Next::NextStep:
          keyIndex = keys;
          continue;
      }
    }
  }
  if (contextFloor_ > 0 && outcome_.error.code == MF_ERR_CONTEXT_LENGTH) {
    outcome_.kind = ChainOutcome::Kind::ContextTooLong;
    return outcome_;
  }
  outcome_.kind = ChainOutcome::Kind::Exhausted;
  if (!allRateLimited_) outcome_.error.retry_after_ms = 0;
  return outcome_;
}

}  // namespace manifold::failover
