#include "usage/UsageObserver.h"

#include "usage/AttemptCost.h"

namespace manifold::usage {

void UsageObserver::attempt(const turn::AttemptReport& report) {
  PriceBook::EnginePrice engine = prices_.forEngine(report.engineId);
  store::AttemptRecord record(report);
  record.costUsd = attemptCost(report, engine.price ? &*engine.price : nullptr);
  record.model = std::move(engine.model);
  writer_.record(std::move(record));
}

}  // namespace manifold::usage
