// manifold-limits-bench: what one key check costs on the request path, each
// against a baseline measured in the same run.
//
// - limiter/admit+release: keys::RateLimiter::admit then release, for a key
//   with rpm, tpm and max_concurrent all set (large enough never to refuse),
//   taking the clock each time as the gateway does. Baseline: one
//   unordered_map<string,int> lookup of the same key id (the least a per-key
//   limit can cost).
// - auth/virtual-key: keys::Authenticator::authenticate of
//   "Bearer <virtual secret>" with a master key set, over a KeyDirectory of
//   1000 keys held by an in-memory KeyStore. Baseline: keys::sha256Hex of the
//   secret alone (what any hashed-key check must pay).
//
// Threads 1 and 4 for the limiter (one mutex for every key), 1 for the rest.
// Compare the medians as ratios; absolute figures depend on the machine.
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <variant>
#include <vector>

#include "keys/Authenticator.h"
#include "keys/KeyDirectory.h"
#include "keys/KeyStore.h"
#include "keys/RateLimiter.h"
#include "keys/Secrets.h"

namespace {

using namespace manifold::keys;

/// Keys in memory only: what the bench needs of a KeyStore.
class MemoryKeyStore : public KeyStore {
 public:
  void insert(const KeyRecord& key) override { keys_.push_back(key); }
  bool update(const KeyRecord& key) override {
    for (KeyRecord& k : keys_)
      if (k.id == key.id) {
        k = key;
        return true;
      }
    return false;
  }
  std::vector<KeyRecord> all() override { return keys_; }

 private:
  std::vector<KeyRecord> keys_;
};

constexpr int kKeys = 1000;
const std::string kKeyId = "key_00000000000001f4";  // key 500 of 1000

KeyLimits benchLimits() {
  KeyLimits l;
  l.rpm = 100000000;
  l.tpm = 1000000000;
  l.maxConcurrent = 100000;
  return l;
}

std::string keyId(int i) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "key_%016x", i);
  return buf;
}
std::string keySecret(int i) {
  return "mfk-" + sha256Hex("bench secret " + std::to_string(i)).substr(0, 48);
}

int64_t nowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

/// A directory of kKeys live virtual keys with large limits.
struct Keys {
  MemoryKeyStore store;
  std::unique_ptr<KeyDirectory> directory;
  Keys() {
    for (int i = 0; i < kKeys; ++i) {
      KeyRecord k;
      k.id = keyId(i);
      k.name = "bench-" + std::to_string(i);
      k.secretSha256 = sha256Hex(keySecret(i));
      k.secretHint = keySecret(i).substr(0, 8);
      k.createdAtMs = nowMs();
      k.limits = benchLimits();
      store.insert(k);
    }
    directory = std::make_unique<KeyDirectory>(store);
  }
};

Keys& keys() {
  static Keys k;
  return k;
}

void BM_BaselineMapLookup(benchmark::State& state) {
  std::unordered_map<std::string, int> map;
  for (int i = 0; i < kKeys; ++i) map.emplace(keyId(i), i);
  for (auto _ : state) {
    auto it = map.find(kKeyId);
    benchmark::DoNotOptimize(it);
  }
}

RateLimiter limiter;

void BM_LimiterAdmitRelease(benchmark::State& state) {
  const KeyLimits limits = benchLimits();
  for (auto _ : state) {
    RateVerdict v = limiter.admit(kKeyId, limits, RateLimiter::Clock::now());
    if (v.refusal != RateVerdict::Refusal::None) {
      state.SkipWithError("refused");
      break;
    }
    benchmark::DoNotOptimize(v.headers.data());
    limiter.release(kKeyId);
  }
}

void BM_BaselineSha256(benchmark::State& state) {
  const std::string secret = keySecret(500);
  for (auto _ : state) {
    std::string h = sha256Hex(secret);
    benchmark::DoNotOptimize(h.data());
  }
}

void BM_AuthVirtualKey(benchmark::State& state) {
  const Authenticator auth("mfk-bench-master-key", *keys().directory);
  const std::string header = "Bearer " + keySecret(500);
  const int64_t now = nowMs();
  for (auto _ : state) {
    auto r = auth.authenticate(header, "", true, now);
    if (!std::holds_alternative<Identity>(r) ||
        std::get<Identity>(r).kind != Identity::Kind::Virtual) {
      state.SkipWithError("not authenticated as the virtual key");
      break;
    }
    benchmark::DoNotOptimize(r);
  }
}

BENCHMARK(BM_BaselineMapLookup)
    ->Name("baseline/map-lookup")
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_LimiterAdmitRelease)
    ->Name("limiter/admit+release")
    ->Threads(1)
    ->Threads(4)
    ->Repetitions(5)
    ->ReportAggregatesOnly(true);
BENCHMARK(BM_BaselineSha256)->Name("baseline/sha256")->Repetitions(5)->ReportAggregatesOnly(true);
BENCHMARK(BM_AuthVirtualKey)->Name("auth/virtual-key")->Repetitions(5)->ReportAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
