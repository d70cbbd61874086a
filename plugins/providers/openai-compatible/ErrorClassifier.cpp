#include "ErrorClassifier.h"

#include <manifold/json.hpp>

#include <algorithm>
#include <string>

#include <manifold/adapter.hpp>

namespace openai_compatible {
using namespace manifold::adapter;
namespace {

namespace json = manifold::json;

// What the provider said, from whichever shape its error body has.
struct ProviderError {
  std::string message;
  std::string type;
  std::string code;
};

ProviderError readBody(std::string_view body) {
  ProviderError out;
  std::optional<json::Value> doc = json::parse(body);
  if (!doc) {
    out.message = std::string(trim(body));
    return out;
  }
  const json::Value& root = doc->isArray() ? (*doc)[0] : *doc;  // Gemini-compat: [{"error":...}]
  const json::Value& error = root["error"];
  if (error.isObject()) {
    out.message = error["message"].asString();
    out.type = codeText(error["type"]);
    out.code = codeText(error["code"]);
  } else if (error.isString()) {
    out.message = error.asString();
  } else if (root["message"].isString()) {
    out.message = root["message"].asString();
  } else if (root["detail"].isString()) {  // FastAPI-style servers
    out.message = root["detail"].asString();
  }
  if (out.message.empty()) out.message = std::string(trim(body));
  return out;
}

bool isContentFilter(const ProviderError& e, const std::string& message) {
  return containsAny(lower(e.code), {"content_filter", "content_policy"}) ||
         containsAny(lower(e.type), {"content_filter", "content_policy"}) ||
         containsAny(message, {"content policy", "content management policy", "content_filter"});
}

bool isContextLength(const ProviderError& e, const std::string& message) {
  return lower(e.code) == "context_length_exceeded" ||
         containsAny(message, {"context length", "context_length", "maximum context",
                               "too many tokens", "context window"});
}

bool isRateLimit(const ProviderError& e) {
  return containsAny(lower(e.code), {"rate_limit"}) || containsAny(lower(e.type), {"rate_limit"});
}

}  // namespace

manifold::Error classifyError(int32_t status, const std::vector<manifold::HeaderView>& headers,
                              std::string_view body, std::string_view label, int64_t nowUnixMs) {
  const ProviderError provider = readBody(body);
  const std::string message = lower(provider.message);
  const bool clientError = status >= 400 && status < 500;

  int32_t code = MF_ERR_UNAVAILABLE;  // 5xx, 529 and anything unexpected
  bool retryable = true;
  if (status == 429 || (clientError && isRateLimit(provider)))
    code = MF_ERR_RATE_LIMITED;
  else if (clientError && isContentFilter(provider, message))
    code = MF_ERR_CONTENT_FILTER, retryable = false;
  else if (status == 401 || status == 403)
    code = MF_ERR_AUTH, retryable = false;
  else if ((status == 400 || status == 413 || status == 422) && isContextLength(provider, message))
    code = MF_ERR_CONTEXT_LENGTH, retryable = false;
  else if (status == 404)
    code = MF_ERR_NOT_FOUND;
  else if (status == 408)
    code = MF_ERR_TIMEOUT;
  else if (clientError)
    code = MF_ERR_INVALID, retryable = false;

  std::string text = std::string(label) + ": HTTP " + std::to_string(status);
  const std::string said = printable(provider.message);
  text += said.empty() ? std::string(": no error message") : ": " + said;
  return manifold::Error(code, text, retryable, status, retryAfterMs(headers, nowUnixMs));
}

}  // namespace openai_compatible
