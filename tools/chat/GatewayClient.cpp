#include "GatewayClient.h"

#include <Poco/Exception.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>
#include <manifold/json.hpp>
#include <manifold/sse.hpp>

#include <istream>

namespace manifold::tools {
namespace {

// Long enough for a failover walk before the first token (the gateway's own
// deadline bounds it) and for a slow stream's pauses.
const Poco::Timespan kConnectTimeout(10, 0);
const Poco::Timespan kReadTimeout(180, 0);
constexpr size_t kMaxEventBytes = 8 * 1024 * 1024;

std::string errorMessage(const std::string& body) {
  const std::optional<json::Value> parsed = json::parse(body);
  if (parsed && (*parsed)["error"]["message"].isString())
    return (*parsed)["error"]["message"].asString();
  return body.empty() ? "no error message" : body.substr(0, 300);
}

Exchange unreachable(const Poco::Exception& e) {
  return {Exchange::Result::Unreachable, 0, e.displayText()};
}

}  // namespace

GatewayClient::GatewayClient(std::string baseUrl, std::string apiKey)
    : baseUrl_(std::move(baseUrl)), apiKey_(std::move(apiKey)) {
  while (!baseUrl_.empty() && baseUrl_.back() == '/') baseUrl_.pop_back();
}

Exchange GatewayClient::health() const {
  return send(Poco::Net::HTTPRequest::HTTP_GET, "/healthz", "", nullptr);
}

Exchange GatewayClient::chat(const std::string& body, const EventHandler& onEvent) const {
  return send(Poco::Net::HTTPRequest::HTTP_POST, "/api/chat", body, &onEvent);
}

Exchange GatewayClient::send(const std::string& method, const std::string& path,
                             const std::string& body, const EventHandler* onEvent) const {
  try {
    const Poco::URI uri(baseUrl_);
    if (uri.getScheme() != "http")
      return {Exchange::Result::Unreachable, 0,
              "only http:// URLs are supported (put a TLS terminator in front for https)"};
    Poco::Net::HTTPClientSession session(uri.getHost(), uri.getPort());
    session.setTimeout(kConnectTimeout, kConnectTimeout, kReadTimeout);

    std::string prefix = uri.getPath();
    while (!prefix.empty() && prefix.back() == '/') prefix.pop_back();
    Poco::Net::HTTPRequest request(method, prefix + path, Poco::Net::HTTPMessage::HTTP_1_1);
    if (!apiKey_.empty()) request.set("Authorization", "Bearer " + apiKey_);
    if (onEvent) {
      request.setContentType("application/json");
      request.set("Accept", "text/event-stream");
      request.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    session.sendRequest(request) << body;

    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    if (response.getStatus() != Poco::Net::HTTPResponse::HTTP_OK || !onEvent) {
      std::string text;
      Poco::StreamCopier::copyToString(in, text);
      if (response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK) return {};
      return {Exchange::Result::HttpError, static_cast<int>(response.getStatus()),
              errorMessage(text)};
    }

    // One byte blocks until the gateway sends something; readsome then takes
    // whatever else already arrived, so every event is shown as it comes.
    sse::SseParser parser(kMaxEventBytes);
    const auto deliver = [&](std::string_view data) {
      (*onEvent)(parser.eventName(), data);
      return true;
    };
    char buffer[4096];
    for (int c = in.get(); c != std::char_traits<char>::eof(); c = in.get()) {
      buffer[0] = static_cast<char>(c);
      const std::streamsize more = in.readsome(buffer + 1, sizeof buffer - 1);
      if (parser.feed(std::string_view(buffer, static_cast<size_t>(more) + 1), deliver) ==
          sse::SseParser::Status::TooLarge)
        return {Exchange::Result::Unreachable, 0, "an event was larger than 8 MB"};
    }
    parser.finish(deliver);
    return {};
  } catch (const Poco::Exception& e) {
    return unreachable(e);
  } catch (const std::exception& e) {
    return {Exchange::Result::Unreachable, 0, e.what()};
  }
}

}  // namespace manifold::tools
