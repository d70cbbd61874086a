#include "turn/InternalCompletion.h"

#include <algorithm>

namespace manifold::turn {
namespace {

// Takes the answer whole; nobody is listening to it stream.
class CollectingSink : public failover::AnswerSink {
 public:
  bool streaming() const override { return false; }
  bool begin(const failover::RouteInfo& /*route*/) override { return true; }
  bool event(const chat::CanonicalEvent& /*event*/) override { return true; }
  void end(const chat::AnswerAccumulator& answer) override { text_ = answer.text(); }
  void abort(const mf_error& /*error*/) override {}

  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

int capped(int limit, std::chrono::milliseconds timeout) {
  return static_cast<int>(std::min<int64_t>(limit, timeout.count()));
}

}  // namespace

InternalAnswer InternalCompletion::run(const InternalAsk& ask, const TurnRequest& turn,
                                       const RuntimeSnapshot& snapshot, TurnObserver* observer,
                                       const upstream::CancellationToken* cancel) const {
  InternalAnswer out;
  const config::ModeConfig* mode = snapshot.engines.mode(ask.mode);
  if (!mode) {
    out.problem = "no mode named \"" + ask.mode + "\"";
    return out;
  }
  failover::ChainRequest chain;
  chain.request = &ask.chat;
  chain.requestId = turn.requestId + "/" + ask.purpose;
  chain.keyId = turn.keyId;
  chain.mode = ask.mode;
  chain.chain = mode->chain;
  chain.policy = *mode;
  chain.policy.headerTimeoutMs = capped(mode->headerTimeoutMs, ask.timeout);
  chain.policy.firstTokenTimeoutMs = capped(mode->firstTokenTimeoutMs, ask.timeout);
  chain.policy.idleTimeoutMs = capped(mode->idleTimeoutMs, ask.timeout);
  // The sink takes the answer whole, so the deadline bounds all of it.
  chain.policy.deadlineMs = capped(mode->deadlineMs, ask.timeout);
  chain.policy.continuation = false;
  chain.catalog = &snapshot.engines;
  chain.observer = observer;
  chain.cancel = cancel;

  CollectingSink sink;
  const failover::ChainOutcome outcome = failover_.run(chain, sink);
  if (outcome.kind == failover::ChainOutcome::Kind::Answered) {
    out.ok = true;
    out.text = sink.text();
    return out;
  }
  out.problem = outcome.loggableSummary.empty() ? "mode " + ask.mode + " gave no answer"
                                                : outcome.loggableSummary;
  return out;
}

}  // namespace manifold::turn
