#include "common/JsonUpstream.h"

#include <optional>
#include <utility>

namespace toolcommon {

namespace json = manifold::json;

namespace {

std::string excerpt(const std::string& body) {
  constexpr size_t kMax = 200;
  return body.size() <= kMax ? body : body.substr(0, kMax) + "...";
}

}  // namespace

JsonUpstream::JsonUpstream(manifold::Host host, std::string name, int64_t timeoutMs)
    : host_(host), name_(std::move(name)), timeoutMs_(timeoutMs) {}

JsonReply JsonUpstream::get(const std::string& url, const JsonRequestOptions& options) const {
  manifold::HttpRequest request;
  request.url = url;
  request.headers = options.headers;
  request.headers.push_back({"Accept", "application/json"});
  return send(std::move(request), options.returnClientErrors);
}

JsonReply JsonUpstream::post(const std::string& url, const json::Value& body,
                             const JsonRequestOptions& options) const {
  manifold::HttpRequest request;
  request.method = "POST";
  request.url = url;
  request.headers = options.headers;
  request.headers.push_back({"Accept", "application/json"});
  request.headers.push_back({"Content-Type", "application/json"});
  request.body = json::stringify(body);
  return send(std::move(request), options.returnClientErrors);
}

manifold::HttpResponse JsonUpstream::fetch(const manifold::HttpRequest& request) const {
  try {
    return host_.fetch(request);
  } catch (const manifold::Error& e) {
    if (e.code() == MF_ERR_TIMEOUT)
      throw manifold::Error(MF_ERR_TIMEOUT,
                            name_ + " did not answer within " + std::to_string(timeoutMs_) + " ms",
                            true);
    throw manifold::Error(e.code(), name_ + " could not be reached: " + e.what(), e.retryable(),
                          e.upstreamStatus(), e.retryAfterMs());
  }
}

JsonReply JsonUpstream::send(manifold::HttpRequest request, bool returnClientErrors) const {
  request.timeoutMs = timeoutMs_;
  const manifold::HttpResponse response = fetch(request);
  const int status = response.status;
  const std::string answered = name_ + " answered " + std::to_string(status);
  if (status >= 500) throw manifold::Error(MF_ERR_UNAVAILABLE, answered, true, status);
  std::optional<json::Value> body = json::parse(response.body);
  if (status >= 400 && status < 500) {
    if (returnClientErrors) return JsonReply{status, body ? std::move(*body) : json::Value()};
    throw manifold::Error(MF_ERR_INVALID, answered + ": " + excerpt(response.body), false, status);
  }
  if (status < 200 || status >= 300)
    throw manifold::Error(MF_ERR_INTERNAL, answered + ", which is not a JSON answer", false,
                          status);
  if (!body)
    throw manifold::Error(MF_ERR_INTERNAL, name_ + " answered a body that is not JSON", false,
                          status);
  return JsonReply{status, std::move(*body)};
}

}  // namespace toolcommon
