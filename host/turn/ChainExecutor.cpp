#include "turn/ChainExecutor.h"

namespace manifold::turn {

failover::ChainOutcome ChainExecutor::execute(const ExecutionContext& context,
                                              failover::AnswerSink& sink) {
  failover::ChainRequest chain;
  chain.request = &context.request.chat;
  chain.requestId = context.request.requestId;
  chain.keyId = context.request.keyId;
  chain.mode = context.route.mode;
  chain.chain = context.route.chain;
  if (const config::ModeConfig* mode = context.snapshot.engines.mode(context.route.mode))
    chain.policy = *mode;
  chain.catalog = &context.snapshot.engines;
  chain.observer = context.observer;
  chain.cancel = context.cancel;
  return failover_.run(chain, sink);
}

}  // namespace manifold::turn
