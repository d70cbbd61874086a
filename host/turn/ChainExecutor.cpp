#include "turn/ChainExecutor.h"

namespace manifold::turn {

failover::ChainOutcome ChainExecutor::execute(const ExecutionContext& context,
                                              failover::AnswerSink& sink) {
  return failover_.run(chainRequestFor(context, context.request.chat), sink);
}

failover::ChainRequest ChainExecutor::chainRequestFor(const ExecutionContext& context,
                                                      const chat::ChatRequest& chat) {
  failover::ChainRequest chain;
  chain.request = &chat;
  chain.requestId = context.request.requestId;
  chain.keyId = context.request.keyId;
  chain.mode = context.route.mode;
  chain.chain = context.route.chain;
  if (const config::ModeConfig* mode = context.snapshot.engines.mode(context.route.mode))
    chain.policy = *mode;
  chain.catalog = &context.snapshot.engines;
  chain.observer = context.observer;
  chain.cancel = context.cancel;
  return chain;
}

}  // namespace manifold::turn
