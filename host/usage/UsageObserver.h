#pragma once

#include "store/AsyncAttemptWriter.h"
#include "turn/TurnObserver.h"
#include "usage/PriceBook.h"

namespace manifold::usage {

/// The usage half of the observe stage: prices each attempt with the price
/// table in force (AttemptCost.h) and queues it, with its model key and
/// cost, for the attempts table. Only looks up and queues: it never waits
/// on the store, so a store that fails never holds up an answer.
class UsageObserver : public turn::TurnObserver {
 public:
  UsageObserver(const PriceBook& prices, store::AsyncAttemptWriter& writer)
      : prices_(prices), writer_(writer) {}

  void attempt(const turn::AttemptReport& report) override;

 private:
  const PriceBook& prices_;
  store::AsyncAttemptWriter& writer_;
};

}  // namespace manifold::usage
