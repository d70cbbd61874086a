#include "keys/KeyAdmission.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <algorithm>
#include <cstdio>
#include <tuple>

namespace manifold::keys {
namespace {

int64_t nowMs() {
  return Poco::Timestamp().epochMicroseconds() / 1000;
}

std::string isoUtc(int64_t ms) {
  return Poco::DateTimeFormatter::format(Poco::Timestamp(ms * 1000),
                                         Poco::DateTimeFormat::ISO8601_FORMAT);
}

std::string usd(double v) {
  char text[32];
  std::snprintf(text, sizeof(text), "%.4f", v);
  return text;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

turn::TurnError tooMany(const std::string& message, const std::string& code, int64_t retryMs) {
  turn::TurnError e{429, message, "", code, {}};
  e.headers.emplace_back("Retry-After",
                         std::to_string(std::max<int64_t>(1, (retryMs + 999) / 1000)));
  return e;
}

}  // namespace

turn::TurnError unauthorized(AuthFailure failure) {
  if (failure == AuthFailure::RemoteWithoutMasterKey)
    return {401,
            "this gateway serves loopback clients only until a master key is set "
            "(MANIFOLD_MASTER_KEY or auth.master_key_file)",
            "",
            "invalid_api_key",
            {}};
  return {401,
          "invalid gateway key: pass a live key as Authorization: Bearer or x-api-key",
          "",
          "invalid_api_key",
          {}};
}

KeyAdmission::KeyAdmission(const Authenticator& auth, const KeyDirectory& keys, CostFunction costOf)
    : auth_(auth), keys_(keys), costOf_(std::move(costOf)) {}

std::optional<turn::TurnError> KeyAdmission::budgetRefusal(const KeyRecord& key,
                                                           int64_t now) const {
  const KeyLimits& l = key.limits;
  if (l.dailyBudgetUsd && spend_.spentToday(key.id, now) >= *l.dailyBudgetUsd) {
    const int64_t reset = SpendLedger::nextDayStartMs(now);
    if (rejected_) rejected_("budget");
    return tooMany("the daily budget of " + usd(*l.dailyBudgetUsd) +
                       " USD is spent; it resets at " + isoUtc(reset),
                   "budget_exceeded", reset - now);
  }
  if (l.monthlyBudgetUsd && spend_.spentThisMonth(key.id, now) >= *l.monthlyBudgetUsd) {
    const int64_t reset = SpendLedger::nextMonthStartMs(now);
    if (rejected_) rejected_("budget");
    return tooMany("the monthly budget of " + usd(*l.monthlyBudgetUsd) +
                       " USD is spent; it resets at " + isoUtc(reset),
                   "budget_exceeded", reset - now);
  }
  return std::nullopt;
}

namespace {

// Gives the concurrency slot back when the turn ends, however it ends.
class ConcurrencyTicket : public turn::AdmissionTicket {
 public:
  ConcurrencyTicket(RateLimiter& limiter, std::string keyId)
      : limiter_(limiter), keyId_(std::move(keyId)) {}
  ~ConcurrencyTicket() override { limiter_.release(keyId_); }

 private:
  RateLimiter& limiter_;
  std::string keyId_;
};

}  // namespace

turn::Admitted KeyAdmission::admitCaller(turn::TurnRequest& request) {
  turn::Admitted out;
  const int64_t now = nowMs();
  std::variant<Identity, AuthFailure> who =
      auth_.authenticate(request.authorization, request.apiKeyHeader, request.loopbackPeer, now);
  if (const AuthFailure* failure = std::get_if<AuthFailure>(&who)) {
    out.refusal = unauthorized(*failure);
    return out;
  }
  const Identity& identity = std::get<Identity>(who);
  if (identity.kind != Identity::Kind::Virtual) return out;  // the operator: no limits
  const KeyRecord& key = *identity.key;
  request.keyId = key.id;
  if ((out.refusal = budgetRefusal(key, now))) return out;
  RateVerdict verdict = limiter_.admit(key.id, key.limits, RateLimiter::Clock::now());
  out.headers = std::move(verdict.headers);
  if (verdict.refusal == RateVerdict::Refusal::None) {
    out.ticket = std::make_unique<ConcurrencyTicket>(limiter_, key.id);
    return out;
  }
  const auto [kind, limit, what] =
      verdict.refusal == RateVerdict::Refusal::Requests
          ? std::make_tuple("rpm", key.limits.rpm, " requests per minute")
      : verdict.refusal == RateVerdict::Refusal::Tokens
          ? std::make_tuple("tpm", key.limits.tpm, " tokens per minute")
          : std::make_tuple("concurrency", key.limits.maxConcurrent, " requests at once");
  if (rejected_) rejected_(kind);
  out.refusal = tooMany("rate limit: " + std::to_string(limit) + what + " for this key",
                        "rate_limit_exceeded", verdict.retryAfterMs);
  return out;
}

std::optional<turn::TurnError> KeyAdmission::permitRoute(const turn::TurnRequest& request,
                                                         turn::TurnRoute& route) {
  if (request.keyId.empty()) return std::nullopt;
  const std::shared_ptr<const KeyRecord> key = keys_.byId(request.keyId);
  if (!key) return std::nullopt;
  const KeyLimits& l = key->limits;
  if (!l.allowedModes.empty() && !route.mode.empty() && !contains(l.allowedModes, route.mode))
    return turn::TurnError{
        403, "this key may not use mode \"" + route.mode + "\"", "model", "mode_not_allowed", {}};
  if (l.allowedEngines.empty()) return std::nullopt;
  std::vector<std::string> allowed;
  for (const std::string& engine : route.chain)
    if (contains(l.allowedEngines, engine)) allowed.push_back(engine);
  if (allowed.empty())
    return turn::TurnError{403,
                           "this key may use none of the engines of \"" + route.target() + "\"",
                           "model",
                           "engine_not_allowed",
                           {}};
  route.chain = std::move(allowed);
  return std::nullopt;
}

void KeyAdmission::attempt(const turn::AttemptReport& report) {
  if (report.keyId.empty() || !report.billed) return;
  const std::shared_ptr<const KeyRecord> key = keys_.byId(report.keyId);
  if (!key) return;
  limiter_.charge(report.keyId, key->limits, report.promptTokens + report.completionTokens,
                  RateLimiter::Clock::now());
  if (costOf_) {
    if (const std::optional<double> cost = costOf_(report))
      spend_.add(report.keyId, *cost, report.atMs);
  }
}

}  // namespace manifold::keys
