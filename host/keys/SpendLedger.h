#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace manifold::keys {

/// What each key has spent, in USD, in the current UTC day and month, for
/// its budgets. Fed with every billed attempt's cost as it is observed, and
/// at start with what the store already holds for today and this month.
class SpendLedger {
 public:
  /// Adds `usd` spent at `atMs` (wall clock, ms since the epoch).
  void add(const std::string& keyId, double usd, int64_t atMs);
  /// Sets what a key had spent when the gateway started (from the store).
  void restore(const std::string& keyId, double todayUsd, double monthUsd, int64_t nowMs);
  double spentToday(const std::string& keyId, int64_t nowMs) const;
  double spentThisMonth(const std::string& keyId, int64_t nowMs) const;

  /// 00:00 UTC of the day after `nowMs`, and of the 1st of the next month.
  static int64_t nextDayStartMs(int64_t nowMs);
  static int64_t nextMonthStartMs(int64_t nowMs);
  static int64_t dayStartMs(int64_t nowMs);
  static int64_t monthStartMs(int64_t nowMs);

 private:
  struct Spend {
    int64_t dayStartMs = 0, monthStartMs = 0;
    double day = 0, month = 0;
  };

  mutable std::mutex mutex_;
  std::unordered_map<std::string, Spend> spend_;
};

}  // namespace manifold::keys
