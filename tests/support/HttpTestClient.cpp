#include "support/HttpTestClient.h"

#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/String.h>

namespace manifold::test {
namespace {

HttpResult exchange(uint16_t port, const std::string& method, const std::string& path,
                    const std::string& body, const std::map<std::string, std::string>& headers,
                    const std::function<void(const std::string&)>* onChunk) {
  Poco::Net::HTTPClientSession session("127.0.0.1", port);
  session.setTimeout(Poco::Timespan(30, 0));
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : headers) request.set(name, value);
  if (method == "POST" || !body.empty()) {
    if (!request.has("Content-Type")) request.setContentType("application/json");
    request.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  HttpResult result;
  result.status = response.getStatus();
  for (const auto& [name, value] : response) result.headers[Poco::toLower(name)] = value;
  char buffer[4096];
  while (in.peek() != std::char_traits<char>::eof()) {
    const std::streamsize n = in.readsome(buffer, sizeof(buffer));
    if (n <= 0) break;
    std::string chunk(buffer, static_cast<size_t>(n));
    result.body += chunk;
    if (onChunk) (*onChunk)(chunk);
  }
  return result;
}

}  // namespace

HttpResult HttpTestClient::get(const std::string& path,
                               const std::map<std::string, std::string>& headers) const {
  return exchange(port_, "GET", path, "", headers, nullptr);
}

HttpResult HttpTestClient::del(const std::string& path,
                               const std::map<std::string, std::string>& headers) const {
  return exchange(port_, "DELETE", path, "", headers, nullptr);
}

HttpResult HttpTestClient::post(const std::string& path, const std::string& body,
                                const std::map<std::string, std::string>& headers) const {
  return exchange(port_, "POST", path, body, headers, nullptr);
}

HttpResult HttpTestClient::request(const std::string& method, const std::string& path,
                                   const std::string& body,
                                   const std::map<std::string, std::string>& headers) const {
  return exchange(port_, method, path, body, headers, nullptr);
}

HttpResult HttpTestClient::postStreaming(const std::string& path, const std::string& body,
                                         const std::function<void(const std::string&)>& onChunk,
                                         const std::map<std::string, std::string>& headers) const {
  return exchange(port_, "POST", path, body, headers, &onChunk);
}

}  // namespace manifold::test
