#include "ErrorClassifier.h"

#include <manifold/adapter.hpp>
#include <manifold/json.hpp>

#include <string>

namespace cohere {
using namespace manifold::adapter;
namespace {

std::string messageOf(std::string_view body) {
  const std::optional<manifold::json::Value> doc = manifold::json::parse(body);
  if (doc && (*doc)["message"].isString()) return (*doc)["message"].asString();
  return std::string(trim(body));
}

bool isContextLength(const std::string& message) {
  return containsAny(lower(message), {"too many tokens", "exceeds the model's context",
                                      "context length", "context window"});
}

}  // namespace

manifold::Error classifyError(int32_t status, const std::vector<manifold::HeaderView>& headers,
                              std::string_view body, int64_t nowUnixMs) {
  const std::string message = messageOf(body);
  int32_t code = MF_ERR_UNAVAILABLE;  // 5xx and anything unexpected
  bool retryable = true;
  if (status == 429)
    code = MF_ERR_RATE_LIMITED;
  else if (status == 401 || status == 403 || status == 498)  // 498: "invalid api token"
    code = MF_ERR_AUTH, retryable = false;
  else if (status == 404)
    code = MF_ERR_NOT_FOUND;  // another engine may serve the model
  else if ((status == 400 || status == 413 || status == 422) && isContextLength(message))
    code = MF_ERR_CONTEXT_LENGTH, retryable = false;
  else if (status == 408)
    code = MF_ERR_TIMEOUT;
  // 499: Cohere says the request was cancelled. Not by our client: when it
  // leaves, the host stops reading and never asks. MF_ERR_CANCELLED would
  // stop the whole chain as if it had left, so try the next step instead.
  else if (status >= 400 && status < 500 && status != 499)
    code = MF_ERR_INVALID, retryable = false;

  const std::string said = printable(message);
  return manifold::Error(
      code,
      "cohere: HTTP " + std::to_string(status) + ": " + (said.empty() ? "no error message" : said),
      retryable, status, retryAfterMs(headers, nowUnixMs));
}

}  // namespace cohere
