#include "ManusClient.h"

#include <cctype>
#include <cstdlib>

namespace manus {
namespace {

namespace json = manifold::json;

bool sameName(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// Retry-After in seconds (the HTTP-date form is not used by APIs like this one).
int64_t retryAfterMs(const manifold::HttpResponse& response) {
  for (const manifold::Header& h : response.headers) {
    if (!sameName(h.name, "Retry-After")) continue;
    char* end = nullptr;
    const long long seconds = std::strtoll(h.value.c_str(), &end, 10);
    if (end != h.value.c_str() && seconds >= 0) return seconds * 1000;
  }
  return -1;
}

// "code: message" from the envelope's error, or a slice of the raw body.
std::string describe(const json::Value& body, const std::string& raw) {
  const json::Value& error = body["error"];
  if (error.isObject()) {
    std::string text = error["code"].asString();
    const std::string& message = error["message"].asString();
    if (!message.empty()) text += (text.empty() ? "" : ": ") + message;
    if (!text.empty()) return text;
  }
  return raw.substr(0, 200);
}

}  // namespace

ManusClient::ManusClient(manifold::Host host, const ManusSettings& settings)
    : host_(host), settings_(settings) {}

std::string ManusClient::percentEncode(std::string_view value) {
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : value) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

json::Value ManusClient::get(std::string_view method, std::string_view name,
                             std::string_view value) const {
  return get(method, std::string(name) + "=" + percentEncode(value));
}

json::Value ManusClient::get(std::string_view method, const std::string& query) const {
  manifold::HttpRequest request;
  request.method = "GET";
  request.url =
      settings_.baseUrl + "/v2/" + std::string(method) + (query.empty() ? "" : "?") + query;
  return send(std::move(request), method);
}

json::Value ManusClient::post(std::string_view method, const json::Value& body) const {
  manifold::HttpRequest request;
  request.method = "POST";
  request.url = settings_.baseUrl + "/v2/" + std::string(method);
  request.headers.push_back({"Content-Type", "application/json"});
  request.body = json::stringify(body);
  return send(std::move(request), method);
}

json::Value ManusClient::send(manifold::HttpRequest request, std::string_view method) const {
  if (settings_.apiKey.empty())
    throw manifold::Error(MF_ERR_AUTH,
                          "manus: no API key (set the " + settings_.apiKeyEnv + " variable)");
  request.headers.push_back({"x-manus-api-key", settings_.apiKey});
  request.headers.push_back({"Accept", "application/json"});
  request.timeoutMs = settings_.timeoutMs;
  const manifold::HttpResponse response = host_.fetch(request);

  std::optional<json::Value> parsed = json::parse(response.body);
  const json::Value body = parsed ? std::move(*parsed) : json::Value();
  const std::string where = "manus " + std::string(method) + ": ";
  if (response.status < 200 || response.status >= 300) {
    throw manifold::classifyStatus(
        response.status,
        where + "HTTP " + std::to_string(response.status) + ": " + describe(body, response.body),
        retryAfterMs(response));
  }
  if (!body.isObject())
    throw manifold::Error(MF_ERR_INTERNAL, where + "the answer is not a JSON object", false,
                          response.status);
  if (!body["ok"].asBool(false))
    throw manifold::Error(MF_ERR_INVALID, where + describe(body, response.body), false,
                          response.status);
  return body;
}

}  // namespace manus
