#include "support/RawHttp.h"

#include <Poco/Net/StreamSocket.h>
#include <Poco/String.h>

namespace manifold::test {
namespace {

HttpResult parseFirst(const std::string& text) {
  HttpResult r;
  const size_t headEnd = text.find("\r\n\r\n");
  if (text.rfind("HTTP/1.", 0) != 0 || headEnd == std::string::npos) return r;
  r.status = std::stoi(text.substr(9, 3));
  size_t at = text.find("\r\n") + 2;
  while (at < headEnd) {
    const size_t end = text.find("\r\n", at);
    const std::string line = text.substr(at, end - at);
    const size_t colon = line.find(':');
    if (colon != std::string::npos)
      r.headers[Poco::toLower(line.substr(0, colon))] = Poco::trim(line.substr(colon + 1));
    at = end + 2;
  }
  const std::string length = r.header("content-length");
  const size_t size = length.empty() ? text.size() - headEnd - 4 : std::stoul(length);
  r.body = text.substr(headEnd + 4, size);
  return r;
}

}  // namespace

int RawExchange::responses() const {
  int n = received.rfind("HTTP/1.", 0) == 0 ? 1 : 0;
  for (size_t at = received.find("\r\nHTTP/1."); at != std::string::npos;
       at = received.find("\r\nHTTP/1.", at + 1))
    ++n;
  return n;
}

RawExchange sendRaw(uint16_t port, const std::string& bytes, int quietMs) {
  Poco::Net::StreamSocket s(Poco::Net::SocketAddress("127.0.0.1", port));
  try {
    s.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
  } catch (const Poco::Exception&) {
    // the server may refuse and close before it has read everything
  }
  RawExchange out;
  const Poco::Timespan quiet(static_cast<Poco::Timespan::TimeDiff>(quietMs) * 1000);
  char buffer[4096];
  while (true) {
    try {
      if (!s.poll(quiet, Poco::Net::Socket::SELECT_READ)) break;
      const int n = s.receiveBytes(buffer, sizeof(buffer));
      if (n <= 0) {
        out.closed = true;
        break;
      }
      out.received.append(buffer, static_cast<size_t>(n));
    } catch (const Poco::Exception&) {
      out.closed = true;  // reset
      break;
    }
  }
  out.first = parseFirst(out.received);
  return out;
}

}  // namespace manifold::test
