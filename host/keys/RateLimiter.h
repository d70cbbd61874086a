#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "keys/KeyRecord.h"

namespace manifold::keys {

/// The verdict on one request under a key's rate limits.
struct RateVerdict {
  enum class Refusal { None, Requests, Tokens, Concurrency };
  Refusal refusal = Refusal::None;
  int64_t retryAfterMs = 0;  ///< when refused
  /// The x-ratelimit-* headers OpenAI clients read, for the limits the key
  /// has. Names are string literals (turn::AnswerHeaders).
  std::vector<std::pair<std::string_view, std::string>> headers;
};

/// Per-key requests per minute, tokens per minute and requests in flight.
/// RPM and TPM are token buckets that refill continuously (capacity one
/// minute's allowance). A request takes one request token at admission;
/// its tokens are charged when its usage is known (charge()), so a bucket
/// may go into debt, and later requests wait until it is positive again.
/// Every call holds one short lock; nothing blocks.
class RateLimiter {
 public:
  using Clock = std::chrono::steady_clock;

  /// Takes a request slot (and a concurrency slot) when the limits allow.
  RateVerdict admit(const std::string& keyId, const KeyLimits& limits, Clock::time_point now);
  /// Gives back the concurrency slot admit() took.
  void release(const std::string& keyId);
  /// Charges tokens used to the key's TPM bucket.
  void charge(const std::string& keyId, const KeyLimits& limits, int64_t tokens,
              Clock::time_point now);
  int64_t inFlight(const std::string& keyId) const;

 private:
  struct Bucket {
    double level = 0;  ///< may go below zero: debt
    bool filled = false;
    Clock::time_point at{};
    void refill(double capacity, Clock::time_point now);
  };
  struct KeyState {
    Bucket requests, tokens;
    int64_t inFlight = 0;
  };

  mutable std::mutex mutex_;
  std::unordered_map<std::string, KeyState> states_;
};

/// "1s", "6m0s", "1h2m3s": the duration format of OpenAI's reset headers.
std::string resetDuration(int64_t ms);

}  // namespace manifold::keys
