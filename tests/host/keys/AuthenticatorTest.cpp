// Authentication and limits without a server: the authenticator's rules, the
// credential parser, the rate limiter's buckets and the budgets.
#include <Poco/Timestamp.h>
#include <gtest/gtest.h>

#include "keys/Authenticator.h"
#include "keys/Credentials.h"
#include "keys/KeyAdmission.h"
#include "keys/RateLimiter.h"
#include "keys/Secrets.h"
#include "keys/SpendLedger.h"

namespace manifold::keys {
namespace {

class MemoryKeyStore : public KeyStore {
 public:
  void insert(const KeyRecord& key) override { keys_.push_back(key); }
  bool update(const KeyRecord& key) override {
    for (KeyRecord& k : keys_)
      if (k.id == key.id) return k = key, true;
    return false;
  }
  std::vector<KeyRecord> all() override { return keys_; }

 private:
  std::vector<KeyRecord> keys_;
};

constexpr int64_t kNow = 1'780'000'000'000;  // 2026-05-28

KeyRecord keyWith(const std::string& id, const std::string& secret) {
  KeyRecord k;
  k.id = id;
  k.name = id;
  k.secretSha256 = sha256Hex(secret);
  k.createdAtMs = kNow - 1000;
  return k;
}

// Stored keys are SHA-256 hex: the digest must be the standard one, or keys
// created by an earlier build stop working. FIPS 180-2 test vectors.
TEST(Secrets, Sha256HexMatchesTheStandardVectors) {
  EXPECT_EQ(sha256Hex(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST(Secrets, NewKeySecretsAreFortyEightLowerCaseHexDigitsAndDiffer) {
  const std::string a = newKeySecret(), b = newKeySecret();
  ASSERT_EQ(a.size(), 52u);
  EXPECT_EQ(a.rfind("mfk-", 0), 0u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef", 4), std::string::npos);
  EXPECT_NE(a, b);
}

TEST(CredentialsTest, BearerOrApiKeyAndNothingMalformed) {
  EXPECT_EQ(presentedSecret("Bearer abc", ""), "abc");
  EXPECT_EQ(presentedSecret("bearer   abc ", ""), "abc");
  EXPECT_EQ(presentedSecret("", "abc"), "abc");
  EXPECT_EQ(presentedSecret("Bearer abc", "other"), "abc") << "Authorization wins";
  EXPECT_FALSE(presentedSecret("Basic YWJjOmRlZg==", ""));
  EXPECT_FALSE(presentedSecret("Bearer", ""));
  EXPECT_FALSE(presentedSecret("Bearer a b", ""));
  EXPECT_FALSE(presentedSecret("", ""));
  EXPECT_FALSE(presentedSecret("Bearer " + std::string(10 * 1024, 'k'), ""));
}

TEST(AuthenticatorTest, WithAMasterKeyEveryCallNeedsALiveKey) {
  MemoryKeyStore store;
  KeyRecord live = keyWith("key_live", "live-secret");
  KeyRecord revoked = keyWith("key_revoked", "revoked-secret");
  revoked.revokedAtMs = kNow - 10;
  KeyRecord expired = keyWith("key_expired", "expired-secret");
  expired.expiresAtMs = kNow - 10;
  for (const KeyRecord& k : {live, revoked, expired}) store.insert(k);
  KeyDirectory keys(store);
  const Authenticator auth("the-master", keys);
  auto kind = [&](const std::string& authorization, bool loopback) -> int {
    auto who = auth.authenticate(authorization, "", loopback, kNow);
    if (std::holds_alternative<AuthFailure>(who)) return -1;
    return static_cast<int>(std::get<Identity>(who).kind);
  };
  EXPECT_EQ(kind("Bearer the-master", false), static_cast<int>(Identity::Kind::Master));
  EXPECT_EQ(kind("Bearer live-secret", false), static_cast<int>(Identity::Kind::Virtual));
  for (const char* refused : {"Bearer revoked-secret", "Bearer expired-secret", "Bearer nope", "",
                              "Basic dGhlLW1hc3Rlcg=="})
    EXPECT_EQ(kind(refused, true), -1) << refused;
}

TEST(AuthenticatorTest, WithoutAMasterKeyOnlyLoopbackIsServed) {
  MemoryKeyStore store;
  store.insert(keyWith("key_live", "live-secret"));
  KeyDirectory keys(store);
  const Authenticator auth("", keys);
  auto anonymous = auth.authenticate("Bearer sk-whatever-the-sdk-sends", "", true, kNow);
  ASSERT_TRUE(std::holds_alternative<Identity>(anonymous));
  EXPECT_EQ(std::get<Identity>(anonymous).kind, Identity::Kind::Anonymous);
  auto virtualKey = auth.authenticate("", "live-secret", true, kNow);
  ASSERT_TRUE(std::holds_alternative<Identity>(virtualKey));
  EXPECT_EQ(std::get<Identity>(virtualKey).key->id, "key_live") << "its limits still apply";
  auto remote = auth.authenticate("Bearer live-secret", "", false, kNow);
  ASSERT_TRUE(std::holds_alternative<AuthFailure>(remote));
  EXPECT_EQ(std::get<AuthFailure>(remote), AuthFailure::RemoteWithoutMasterKey);
}

TEST(RateLimiterTest, RequestsPerMinuteRefillContinuouslyAndSayWhen) {
  RateLimiter limiter;
  KeyLimits limits;
  limits.rpm = 2;
  const auto t0 = RateLimiter::Clock::now();
  EXPECT_EQ(limiter.admit("k", limits, t0).refusal, RateVerdict::Refusal::None);
  limiter.release("k");
  const RateVerdict second = limiter.admit("k", limits, t0);
  EXPECT_EQ(second.refusal, RateVerdict::Refusal::None);
  limiter.release("k");
  const RateVerdict third = limiter.admit("k", limits, t0);
  EXPECT_EQ(third.refusal, RateVerdict::Refusal::Requests);
  EXPECT_EQ(third.retryAfterMs, 30000) << "one request refills in 60 s / 2";
  EXPECT_EQ(std::string(third.headers.at(0).first), "x-ratelimit-limit-requests");
  EXPECT_EQ(third.headers.at(0).second, "2");
  EXPECT_EQ(third.headers.at(1).second, "0");
  EXPECT_EQ(third.headers.at(2).second, "1m0s");
  EXPECT_EQ(limiter.admit("k", limits, t0 + std::chrono::seconds(30)).refusal,
            RateVerdict::Refusal::None);
}

TEST(RateLimiterTest, TokensAreChargedAfterwardsAndConcurrencyIsGivenBack) {
  RateLimiter limiter;
  KeyLimits limits;
  limits.tpm = 1000;
  limits.maxConcurrent = 1;
  const auto t0 = RateLimiter::Clock::now();
  ASSERT_EQ(limiter.admit("k", limits, t0).refusal, RateVerdict::Refusal::None);
  EXPECT_EQ(limiter.admit("k", limits, t0).refusal, RateVerdict::Refusal::Concurrency);
  limiter.release("k");
  EXPECT_EQ(limiter.inFlight("k"), 0);
  limiter.charge("k", limits, 1500, t0);  // a long answer puts the bucket in debt
  const RateVerdict inDebt = limiter.admit("k", limits, t0);
  EXPECT_EQ(inDebt.refusal, RateVerdict::Refusal::Tokens);
  EXPECT_EQ(inDebt.retryAfterMs, 30060) << "501 tokens at 1000 a minute";
  EXPECT_EQ(limiter.admit("k", limits, t0 + std::chrono::seconds(31)).refusal,
            RateVerdict::Refusal::None);
}

TEST(SpendLedgerTest, DaysAndMonthsTurnOverInUtc) {
  const int64_t lastMinuteOfMay = 1'780'271'940'000;  // 2026-05-31 23:59 UTC
  EXPECT_EQ(SpendLedger::nextDayStartMs(lastMinuteOfMay), 1'780'272'000'000);
  EXPECT_EQ(SpendLedger::nextMonthStartMs(lastMinuteOfMay), 1'780'272'000'000);
  SpendLedger ledger;
  ledger.add("k", 1.5, lastMinuteOfMay);
  EXPECT_DOUBLE_EQ(ledger.spentToday("k", lastMinuteOfMay), 1.5);
  EXPECT_DOUBLE_EQ(ledger.spentThisMonth("k", lastMinuteOfMay), 1.5);
  EXPECT_DOUBLE_EQ(ledger.spentToday("k", lastMinuteOfMay + 120'000), 0);
  EXPECT_DOUBLE_EQ(ledger.spentThisMonth("k", lastMinuteOfMay + 120'000), 0);
}

// monthStartMs keeps the last month it worked out: every answer must still be
// that of the month asked for, in whichever order months are asked.
TEST(SpendLedgerTest, MonthStartIsRightWhicheverMonthWasAskedBefore) {
  const int64_t may1 = 1'777'593'600'000, june1 = 1'780'272'000'000;
  const int64_t december1 = 1'796'083'200'000, january1 = 1'798'761'600'000;
  EXPECT_EQ(SpendLedger::monthStartMs(june1 - 1), may1);
  EXPECT_EQ(SpendLedger::monthStartMs(may1), may1);
  EXPECT_EQ(SpendLedger::monthStartMs(june1), june1);
  EXPECT_EQ(SpendLedger::monthStartMs(june1 - 1), may1) << "back to an earlier month";
  EXPECT_EQ(SpendLedger::monthStartMs(january1 - 1), december1);
  EXPECT_EQ(SpendLedger::monthStartMs(january1 + 1), january1) << "across a year";
  EXPECT_EQ(SpendLedger::nextMonthStartMs(december1), january1);
}

TEST(KeyAdmissionTest, ASpentBudgetIsA429WithTheTimeItResets) {
  MemoryKeyStore store;
  KeyRecord k = keyWith("key_b", "budget-secret");
  k.limits.dailyBudgetUsd = 0.01;
  store.insert(k);
  KeyDirectory keys(store);
  const Authenticator auth("the-master", keys);
  std::vector<std::string> rejections;
  KeyAdmission admission(auth, keys, [](const turn::AttemptReport&) { return 0.006; });
  admission.onLimitRejection([&](const char* kind) { rejections.push_back(kind); });
  turn::TurnRequest request;
  request.authorization = "Bearer budget-secret";
  auto admitOnce = [&] {
    turn::TurnRequest r = request;
    return admission.admitCaller(r);
  };
  ASSERT_FALSE(admitOnce().refusal);
  turn::AttemptReport billed;
  billed.keyId = "key_b";
  billed.billed = true;
  billed.usageKnown = true;
  billed.atMs = Poco::Timestamp().epochMicroseconds() / 1000;
  admission.attempt(billed);
  ASSERT_FALSE(admitOnce().refusal) << "0.006 of 0.01 spent";
  admission.attempt(billed);
  const turn::Admitted refused = admitOnce();
  ASSERT_TRUE(refused.refusal);
  EXPECT_EQ(refused.refusal->status, 429);
  EXPECT_EQ(refused.refusal->code, "budget_exceeded");
  EXPECT_NE(refused.refusal->message.find("resets at"), std::string::npos);
  EXPECT_EQ(std::string(refused.refusal->headers.at(0).first), "Retry-After");
  EXPECT_EQ(rejections, (std::vector<std::string>{"budget"}));
}

}  // namespace
}  // namespace manifold::keys
