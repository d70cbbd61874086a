#include "ErrorClassifier.h"

#include <manifold/adapter.hpp>
#include <manifold/json.hpp>

#include <cctype>
#include <string>

namespace anthropic {
using namespace manifold::adapter;
namespace {

// Used when the body does not name an error type.
ErrorClass classOfStatus(int32_t status) {
  if (status == 429) return {MF_ERR_RATE_LIMITED, true};
  if (status == 401 || status == 402 || status == 403) return {MF_ERR_AUTH, false};
  if (status == 404) return {MF_ERR_NOT_FOUND, true};
  if (status == 408 || status == 504) return {MF_ERR_TIMEOUT, true};
  if (status >= 400 && status < 500) return {MF_ERR_INVALID, false};
  return {MF_ERR_UNAVAILABLE, true};  // 500, 529 (overloaded) and anything unexpected
}

}  // namespace

std::optional<ErrorClass> classOfErrorType(std::string_view type, std::string_view message) {
  if (type == "rate_limit_error") return ErrorClass{MF_ERR_RATE_LIMITED, true};
  if (type == "overloaded_error" || type == "api_error")
    return ErrorClass{MF_ERR_UNAVAILABLE, true};
  if (type == "timeout_error") return ErrorClass{MF_ERR_TIMEOUT, true};
  if (type == "authentication_error" || type == "permission_error" || type == "billing_error")
    return ErrorClass{MF_ERR_AUTH, false};
  if (type == "not_found_error")
    return ErrorClass{MF_ERR_NOT_FOUND, true};  // another engine may have the model
  // request_too_large is the 32 MB body limit, not the context window.
  if (type == "request_too_large") return ErrorClass{MF_ERR_INVALID, false};
  if (type == "invalid_request_error") {
    if (lower(message).find("prompt is too long") != std::string::npos)
      return ErrorClass{MF_ERR_CONTEXT_LENGTH, false};
    return ErrorClass{MF_ERR_INVALID, false};
  }
  return std::nullopt;
}

std::string withoutKeys(std::string text) {
  for (size_t at = text.find("sk-ant-"); at != std::string::npos; at = text.find("sk-ant-", at)) {
    size_t end = at + 7;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) ||
                                 text[end] == '-' || text[end] == '_'))
      ++end;
    text.replace(at, end - at, "sk-ant-***");
    at += 10;
  }
  return text;
}

manifold::Error classifyError(int32_t status, const std::vector<manifold::HeaderView>& headers,
                              std::string_view body, int64_t nowUnixMs) {
  const manifold::json::Value doc = manifold::json::parse(body).value_or(manifold::json::Value());
  const manifold::json::Value& error = doc["error"];
  const std::string& type = error["type"].asString();
  std::string said =
      error["message"].isString() ? error["message"].asString() : std::string(trim(body));
  const ErrorClass found = classOfErrorType(type, said).value_or(classOfStatus(status));
  if (!type.empty()) said = type + ": " + said;
  said = printable(withoutKeys(said));
  const std::string message = "anthropic: HTTP " + std::to_string(status) + ": " +
                              (said.empty() ? std::string("no error message") : said);
  return manifold::Error(found.code, message, found.retryable, status,
                         retryAfterMs(headers, nowUnixMs));
}

}  // namespace anthropic
