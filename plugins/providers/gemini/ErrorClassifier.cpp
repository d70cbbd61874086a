#include "ErrorClassifier.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <string>

#include <manifold/adapter.hpp>

namespace gemini {
using namespace manifold::adapter;
namespace {

namespace json = manifold::json;
using json::Value;

constexpr double kMaxDelayMs = 7.0 * 24 * 3600 * 1000;

bool hasReason(const Value& details, std::string_view reason) {
  const json::Array& all = details.asArray();
  return std::any_of(all.begin(), all.end(),
                     [&](const Value& d) { return d["reason"].asString() == reason; });
}

// A google.rpc.RetryInfo detail's retryDelay, a protobuf Duration such as
// "37s" or "1.5s", in ms; -1 when there is none.
int64_t retryInfoDelayMs(const Value& details) {
  for (const Value& d : details.asArray()) {
    if (d["@type"].asString() != "type.googleapis.com/google.rpc.RetryInfo") continue;
    const std::string& text = d["retryDelay"].asString();
    if (text.size() < 2 || text.back() != 's') return -1;
    double seconds = -1;
    const char* end = text.data() + text.size() - 1;
    const auto result = std::from_chars(text.data(), end, seconds);
    if (result.ec != std::errc() || result.ptr != end || !(seconds >= 0)) return -1;
    return static_cast<int64_t>(std::ceil(std::min(seconds * 1000, kMaxDelayMs)));
  }
  return -1;
}

struct Verdict {
  int32_t code;
  bool retryable;
};

// Google's canonical status names first, the HTTP status when there is none.
Verdict verdict(int32_t http, const std::string& status, const std::string& message,
                const Value& details) {
  if (status == "RESOURCE_EXHAUSTED" || http == 429) return {MF_ERR_RATE_LIMITED, true};
  if (status == "UNAUTHENTICATED" || status == "PERMISSION_DENIED" || http == 401 || http == 403 ||
      hasReason(details, "API_KEY_INVALID"))
    return {MF_ERR_AUTH, false};
  if (status == "NOT_FOUND" || http == 404) return {MF_ERR_NOT_FOUND, true};
  if (status == "DEADLINE_EXCEEDED" || http == 504 || http == 408) return {MF_ERR_TIMEOUT, true};
  if (status == "UNAVAILABLE" || status == "INTERNAL" || http >= 500)
    return {MF_ERR_UNAVAILABLE, true};
  const bool badRequest = status == "INVALID_ARGUMENT" || http == 400 || http == 413;
  if (badRequest &&
      containsAny(lower(message), {"exceeds the maximum number of tokens", "input token count"}))
    return {MF_ERR_CONTEXT_LENGTH, false};
  if (badRequest || status == "FAILED_PRECONDITION" || status == "OUT_OF_RANGE" ||
      (http >= 400 && http < 500))
    return {MF_ERR_INVALID, false};
  return {MF_ERR_UNAVAILABLE, true};
}

// "gemini: <where> (<STATUS>): <message>", e.g. "gemini: HTTP 429 (RESOURCE_EXHAUSTED): ...".
manifold::Error classify(int32_t http, const Value& error, const std::string& message,
                         const std::string& where, int64_t fallbackDelayMs) {
  const std::string& status = error["status"].asString();
  const Verdict v = verdict(http, status, message, error["details"]);
  const int64_t infoDelay = retryInfoDelayMs(error["details"]);
  std::string text =
      "gemini: " + where + (status.empty() ? "" : " (" + printable(status, 40) + ")");
  const std::string said = printable(trim(message));
  text += said.empty() ? std::string(": no error message") : ": " + said;
  return manifold::Error(v.code, text, v.retryable, http,
                         infoDelay >= 0 ? infoDelay : fallbackDelayMs);
}

}  // namespace

manifold::Error classifyError(int32_t status, const std::vector<manifold::HeaderView>& headers,
                              std::string_view body, int64_t nowUnixMs) {
  const std::optional<Value> doc = json::parse(body);
  const Value none;
  const Value& root = !doc ? none : doc->isArray() ? (*doc)[0] : *doc;
  const Value& error = root["error"];
  std::string message = error["message"].asString();
  if (!error.isObject()) message = doc ? json::stringify(*doc) : std::string(body);
  return classify(status, error, message, "HTTP " + std::to_string(status),
                  retryAfterMs(headers, nowUnixMs));
}

manifold::Error classifyInBandError(const Value& error) {
  const int32_t code = static_cast<int32_t>(error["code"].asInt(0));
  const std::string where = code > 0 ? "upstream error " + std::to_string(code) : "upstream error";
  return classify(code, error, error["message"].asString(), where, -1);
}

}  // namespace gemini
