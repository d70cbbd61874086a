#include "LedgerQueryHandler.h"

#include <algorithm>
#include <charconv>
#include <vector>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/NullStream.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include "OpenAiWire.h"

namespace manifold::test {
namespace {

using Poco::Net::HTTPResponse;
using std::chrono::milliseconds;

constexpr int kMaxWaitMs = 60'000;

/// All of `text` as a number in [0, 2^31), or -1.
int number(const std::string& text) {
  int value = -1;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  return text.empty() || error != std::errc() || stop != end || value < 0 ? -1 : value;
}

std::vector<std::string> segments(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (start < path.size()) {
    const size_t slash = std::min(path.find('/', start), path.size());
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

milliseconds waitMs(const Poco::URI& uri) {
  for (const auto& [name, value] : uri.getQueryParameters()) {
    if (name == "wait_ms") return milliseconds(std::clamp(number(value), 0, kMaxWaitMs));
  }
  return milliseconds(0);
}

std::string quoted(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

void send(Poco::Net::HTTPServerResponse& response, int status, const std::string& json) {
  response.setStatusAndReason(static_cast<HTTPResponse::HTTPStatus>(status));
  response.setContentType("application/json");
  response.sendBuffer(json.data(), json.size());
}

}  // namespace

const std::string LedgerQueryHandler::kPrefix = "/_ledger/";

LedgerQueryHandler::LedgerQueryHandler(const RouteLedger& ledger) : ledger_(ledger) {}

void LedgerQueryHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                       Poco::Net::HTTPServerResponse& response) {
  Poco::NullOutputStream discard;
  Poco::StreamCopier::copyStream(request.stream(), discard);
  const Poco::URI uri(request.getURI());
  const std::vector<std::string> parts = segments(uri.getPath());  // "_ledger", route, ...
  const std::string route = parts.size() > 1 ? parts[1] : "";
  const std::string head = "{\"route\":" + quoted(route);
  if (parts.size() == 2) {
    send(response, 200,
         head + ",\"requests\":" + std::to_string(ledger_.requests(route)) +
             ",\"abandoned\":" + std::to_string(ledger_.abandoned(route)) + "}");
    return;
  }
  const int n = parts.size() == 4 ? number(parts[3]) : -1;
  if (n >= 0 && parts[2] == "requests") {
    const bool reached = ledger_.waitRequests(route, n, waitMs(uri));
    send(response, reached ? 200 : 504,
         head + ",\"requests\":" + std::to_string(ledger_.requests(route)) + "}");
    return;
  }
  if (n >= 0 && parts[2] == "abandoned") {
    const auto at = ledger_.waitAbandonedAt(route, n, waitMs(uri));
    const std::string ns = at ? std::to_string(std::chrono::duration_cast<std::chrono::nanoseconds>(
                                                   at->time_since_epoch())
                                                   .count())
                              : "null";
    send(response, at ? 200 : 504,
         head + ",\"number\":" + std::to_string(n) + ",\"abandonedNs\":" + ns + "}");
    return;
  }
  send(response, 404, OpenAiWire::errorBody(404, "fake provider: no such ledger query"));
}

}  // namespace manifold::test
