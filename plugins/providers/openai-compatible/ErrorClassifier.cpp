#include "ErrorClassifier.h"

#include <manifold/json.hpp>

#include <algorithm>
#include <string>

#include "RetryAfter.h"
#include "Text.h"

namespace openai_compatible {
namespace {

namespace json = manifold::json;

constexpr size_t kMaxProviderMessageBytes = 400;

bool contains(const std::string& haystack, std::initializer_list<const char*> needles) {
  return std::any_of(needles.begin(), needles.end(), [&](const char* needle) {
    return haystack.find(needle) != std::string::npos;
  });
}

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

// One line of text for a log or an error message: control characters become
// spaces, and a long message is cut without splitting a UTF-8 sequence.
std::string printable(std::string_view text) {
  std::string out(text);
  if (text.size() > kMaxProviderMessageBytes) {
    size_t cut = kMaxProviderMessageBytes;  // back off to the start of a UTF-8 sequence
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    out = std::string(text.substr(0, cut)) + "...";
  }
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  return out;
}

bool isContentFilter(const ProviderError& e, const std::string& message) {
  return contains(lower(e.code), {"content_filter", "content_policy"}) ||
         contains(lower(e.type), {"content_filter", "content_policy"}) ||
         contains(message, {"content policy", "content management policy", "content_filter"});
}

bool isContextLength(const ProviderError& e, const std::string& message) {
  return lower(e.code) == "context_length_exceeded" ||
         contains(message, {"context length", "context_length", "maximum context",
                            "too many tokens", "context window"});
}

bool isRateLimit(const ProviderError& e) {
  return contains(lower(e.code), {"rate_limit"}) || contains(lower(e.type), {"rate_limit"});
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
