#include "failover/FailoverEngine.h"

#include "failover/ChainWalk.h"

namespace manifold::failover {

ChainOutcome FailoverEngine::run(const ChainRequest& request, AnswerSink& sink) {
  return ChainWalk(*this, request, sink).run();
}

}  // namespace manifold::failover
