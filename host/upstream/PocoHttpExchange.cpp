#include "upstream/PocoHttpExchange.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPSClientSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <memory>

namespace manifold::upstream {

PocoHttpExchange::PocoHttpExchange(config::EgressConfig egress)
    : egress_(std::move(egress)),
      tls_(new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", "",
                                  Poco::Net::Context::VERIFY_RELAXED, 9, true)) {}

bool PocoHttpExchange::hostAllowed(const std::string& host) const {
  if (egress_.allowedHosts.empty()) return true;
  const std::string lower = Poco::toLower(host);
  for (const std::string& allowed : egress_.allowedHosts) {
    const std::string pattern = Poco::toLower(allowed);
    if (pattern == lower) return true;
    // "*.example.com" matches any subdomain, never the bare domain.
    if (pattern.size() > 2 && pattern.compare(0, 2, "*.") == 0 &&
        lower.size() > pattern.size() - 1 &&
        lower.compare(lower.size() - (pattern.size() - 1), pattern.size() - 1, pattern, 1) == 0)
      return true;
  }
  return false;
}

TransportFailure PocoHttpExchange::send(const OutboundRequest& request,
                                        const ResponseHandler& handler) {
  Poco::URI uri;
  try {
    uri = Poco::URI(request.url);
  } catch (const Poco::Exception& e) {
    return {TransportFailure::Kind::InvalidUrl, "invalid URL: " + e.message()};
  }
  if (uri.getScheme() != "http" && uri.getScheme() != "https")
    return {TransportFailure::Kind::InvalidUrl, "only http and https URLs are allowed"};
  if (!hostAllowed(uri.getHost()))
    return {TransportFailure::Kind::Forbidden,
            "egress policy forbids host \"" + uri.getHost() + "\""};

  std::unique_ptr<Poco::Net::HTTPClientSession> session;
  if (uri.getScheme() == "https")
    session = std::make_unique<Poco::Net::HTTPSClientSession>(uri.getHost(), uri.getPort(), tls_);
  else
    session = std::make_unique<Poco::Net::HTTPClientSession>(uri.getHost(), uri.getPort());
  const int64_t timeoutMs = request.timeoutMs > 0 ? request.timeoutMs : egress_.requestTimeoutMs;
  session->setTimeout(Poco::Timespan(egress_.connectTimeoutMs * 1000LL),
                      Poco::Timespan(timeoutMs * 1000), Poco::Timespan(timeoutMs * 1000));

  try {
    Poco::Net::HTTPRequest out(request.method, uri.getPathEtc(), Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : request.headers) out.add(name, value);
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT")
      out.setContentLength(static_cast<std::streamsize>(request.body.size()));
    std::ostream& body = session->sendRequest(out);
    body.write(request.body.data(), static_cast<std::streamsize>(request.body.size()));

    Poco::Net::HTTPResponse response;
    std::istream& in = session->receiveResponse(response);
    HeaderList headers;
    for (const auto& [name, value] : response) headers.emplace_back(name, value);
    if (handler.onHead) handler.onHead(static_cast<int>(response.getStatus()), headers);

    // peek() blocks until the next bytes arrive; readsome() then takes only
    // what is buffered, so each upstream chunk is handed on as it comes.
    char buffer[16384];
    while (in.peek() != std::char_traits<char>::eof()) {
      const std::streamsize n = in.readsome(buffer, sizeof(buffer));
      if (n <= 0) break;
      if (handler.onChunk && !handler.onChunk(std::string_view(buffer, static_cast<size_t>(n))))
        break;
    }
  } catch (const Poco::TimeoutException& e) {
    return {TransportFailure::Kind::Timeout, "upstream timed out: " + e.displayText()};
  } catch (const Poco::Net::ConnectionRefusedException& e) {
    return {TransportFailure::Kind::Refused, "connection refused: " + e.displayText()};
  } catch (const Poco::Exception& e) {
    return {TransportFailure::Kind::Io, "upstream I/O failed: " + e.displayText()};
  }
  return {};
}

}  // namespace manifold::upstream
