#pragma once

#include <vector>

#include "turn/TurnObserver.h"

namespace manifold::turn {

/// Several observers as one (the attempt writer, usage, metrics), called in
/// the order they were added. Not thread-safe to change: fill it at start.
class ObserverList : public TurnObserver {
 public:
  void add(TurnObserver* observer) {
    if (observer) observers_.push_back(observer);
  }
  void attempt(const AttemptReport& report) override {
    for (TurnObserver* o : observers_) o->attempt(report);
  }
  void finished(const TurnReport& report) override {
    for (TurnObserver* o : observers_) o->finished(report);
  }

 private:
  std::vector<TurnObserver*> observers_;
};

}  // namespace manifold::turn
