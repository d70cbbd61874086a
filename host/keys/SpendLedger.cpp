#include "keys/SpendLedger.h"

#include <ctime>

namespace manifold::keys {
namespace {

constexpr int64_t kDayMs = 86400000;

std::tm utc(int64_t ms) {
  const std::time_t seconds = static_cast<std::time_t>(ms / 1000);
  std::tm t{};
  gmtime_r(&seconds, &t);
  return t;
}

int64_t msOf(std::tm t) {
  return static_cast<int64_t>(timegm(&t)) * 1000;
}

}  // namespace

int64_t SpendLedger::dayStartMs(int64_t nowMs) {
  return nowMs - (nowMs % kDayMs + kDayMs) % kDayMs;
}

int64_t SpendLedger::nextDayStartMs(int64_t nowMs) {
  return dayStartMs(nowMs) + kDayMs;
}

// Every keyed request with a budget asks this two or three times; the
// calendar arithmetic (gmtime and timegm) runs once a month per thread.
int64_t SpendLedger::monthStartMs(int64_t nowMs) {
  thread_local int64_t cachedStart = 0, cachedNext = 0;
  if (nowMs >= cachedStart && nowMs < cachedNext) return cachedStart;
  std::tm t = utc(nowMs);
  t.tm_mday = 1;
  t.tm_hour = t.tm_min = t.tm_sec = 0;
  const int64_t start = msOf(t);
  cachedNext = nextMonthStartMs(nowMs);
  cachedStart = start;
  return start;
}

int64_t SpendLedger::nextMonthStartMs(int64_t nowMs) {
  std::tm t = utc(nowMs);
  t.tm_mday = 1;
  t.tm_hour = t.tm_min = t.tm_sec = 0;
  t.tm_mon += 1;  // timegm normalises December + 1
  return msOf(t);
}

void SpendLedger::add(const std::string& keyId, double usd, int64_t atMs) {
  if (keyId.empty() || usd <= 0) return;
  const int64_t day = dayStartMs(atMs), month = monthStartMs(atMs);
  std::lock_guard<std::mutex> lock(mutex_);
  Spend& s = spend_[keyId];
  if (s.dayStartMs != day) {
    if (day < s.dayStartMs) return;  // an older day: no budget reads it any more
    s.dayStartMs = day, s.day = 0;
  }
  if (s.monthStartMs != month) s.monthStartMs = month, s.month = 0;
  s.day += usd;
  s.month += usd;
}

void SpendLedger::restore(const std::string& keyId, double todayUsd, double monthUsd,
                          int64_t nowMs) {
  std::lock_guard<std::mutex> lock(mutex_);
  spend_[keyId] = Spend{dayStartMs(nowMs), monthStartMs(nowMs), todayUsd, monthUsd};
}

double SpendLedger::spentToday(const std::string& keyId, int64_t nowMs) const {
  const int64_t day = dayStartMs(nowMs);
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = spend_.find(keyId);
  return it == spend_.end() || it->second.dayStartMs != day ? 0 : it->second.day;
}

double SpendLedger::spentThisMonth(const std::string& keyId, int64_t nowMs) const {
  const int64_t month = monthStartMs(nowMs);
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = spend_.find(keyId);
  return it == spend_.end() || it->second.monthStartMs != month ? 0 : it->second.month;
}

}  // namespace manifold::keys
