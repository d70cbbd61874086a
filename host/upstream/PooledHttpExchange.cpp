#include "upstream/PooledHttpExchange.h"

#include <Poco/Net/DNS.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/RejectCertificateHandler.h>
#include <Poco/Net/SSLException.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureStreamSocket.h>
#include <Poco/String.h>
#include <Poco/URI.h>

#include <csignal>
#include <mutex>

#include "upstream/ResponseReader.h"
#include "upstream/SystemResolver.h"

namespace manifold::upstream {

struct PooledHttpExchange::Target {
  std::string scheme;
  std::string host;
  unsigned short port = 0;
  std::string pathEtc;
  ProxySettings::Proxy proxy;
  std::string origin;  // pool key: where the bytes go and how
};

namespace {

using Kind = TransportFailure::Kind;
using std::chrono::milliseconds;

Poco::Timespan timespanUntil(Clock::time_point deadline) {
  const auto ms = std::chrono::duration_cast<milliseconds>(deadline - Clock::now()).count();
  return Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(std::max<int64_t>(ms, 1)) * 1000);
}

Poco::Net::Context::Ptr makeTlsContext(const std::string& caFile) {
  static std::once_flag sslOnce;
  std::call_once(sslOnce, [] {
    Poco::Net::initializeSSL();
    // Without a handler Poco may fall back to asking on the console; a
    // certificate that fails verification is refused, always.
    Poco::Net::SSLManager::InvalidCertificateHandlerPtr reject(
        new Poco::Net::RejectCertificateHandler(false));
    Poco::Net::SSLManager::instance().initializeClient(nullptr, reject, nullptr);
  });
  Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_CLIENT_USE, "", "", caFile,
                             Poco::Net::Context::VERIFY_STRICT, 9, true);
  context->requireMinimumProtocol(Poco::Net::Context::PROTO_TLSV1_2);
  return context;
}

TransportFailure ioFailure(IoStatus status, const std::string& problem, bool afterHead,
                           const std::string& where) {
  switch (status) {
    case IoStatus::Timeout:
      return {Kind::Timeout, where + ": upstream sent nothing before the deadline", afterHead};
    case IoStatus::Cancelled:
      return {Kind::Cancelled, "the client went away", afterHead};
    case IoStatus::Closed:
      return {Kind::Io, where + ": upstream closed the connection", afterHead};
    default:
      return {Kind::Io, where + ": " + (problem.empty() ? "I/O error" : problem), afterHead};
  }
}

// Opens a CONNECT tunnel through a forward proxy on `socket`.
TransportFailure openTunnel(Poco::Net::StreamSocket& socket, const std::string& host,
                            unsigned short port, Clock::time_point deadline) {
  const std::string authority = host + ":" + std::to_string(port);
  const std::string request =
      "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n\r\n";
  socket.setSendTimeout(timespanUntil(deadline));
  socket.sendBytes(request.data(), static_cast<int>(request.size()));
  std::string reply;
  char c;
  // Byte by byte, so nothing past the proxy's reply is taken from the tunnel.
  while (reply.size() < 8192 && reply.find("\r\n\r\n") == std::string::npos) {
    socket.setReceiveTimeout(timespanUntil(deadline));
    if (socket.receiveBytes(&c, 1) != 1)
      return {Kind::Io, "proxy closed the connection during CONNECT"};
    reply += c;
  }
  if (reply.compare(0, 9, "HTTP/1.1 ") != 0 && reply.compare(0, 9, "HTTP/1.0 ") != 0)
    return {Kind::Io, "proxy sent a malformed CONNECT reply"};
  if (reply.compare(9, 3, "200") != 0)
    return {Kind::Refused,
            "proxy refused CONNECT " + authority + ": " + reply.substr(0, reply.find('\r'))};
  return {};
}

}  // namespace

PooledHttpExchange::PooledHttpExchange(config::EgressConfig egress, ProxySettings proxies,
                                       std::shared_ptr<const HostResolver> resolver)
    : egress_(std::move(egress)),
      policy_(egress_, resolver ? std::move(resolver) : std::make_shared<SystemResolver>()),
      proxies_(std::move(proxies)),
      tls_(makeTlsContext(egress_.caFile)),
      pool_(static_cast<size_t>(egress_.maxIdlePerHost), milliseconds(egress_.idleTimeoutMs)) {
  // Poco sends without MSG_NOSIGNAL on Linux: a peer that closed must cost
  // one failed write, not the process.
  std::signal(SIGPIPE, SIG_IGN);
}

TransportFailure PooledHttpExchange::parseTarget(const std::string& url, Target& target) const {
  Poco::URI uri;
  try {
    uri = Poco::URI(url);
  } catch (const Poco::Exception& e) {
    return {Kind::InvalidUrl, "invalid URL: " + e.message()};
  }
  target.scheme = uri.getScheme();
  if (target.scheme != "http" && target.scheme != "https")
    return {Kind::InvalidUrl, "only http and https URLs are allowed"};
  target.host = uri.getHost();
  if (target.host.empty()) return {Kind::InvalidUrl, "URL has no host"};
  target.port = uri.getPort();
  // Before the pool or a socket: a refused URL never reaches the wire.
  if (TransportFailure refused = policy_.screen(target.host, target.port)) return refused;
  target.pathEtc = uri.getPathEtc();
  if (target.pathEtc.empty()) target.pathEtc = "/";
  target.proxy = proxies_.proxyFor(target.scheme, target.host);
  const std::string bracketed =
      target.host.find(':') != std::string::npos ? "[" + target.host + "]" : target.host;
  target.origin = target.scheme + "://" + bracketed + ":" + std::to_string(target.port);
  if (target.proxy)
    target.origin += " via " + target.proxy.host + ":" + std::to_string(target.proxy.port);
  return {};
}

std::unique_ptr<UpstreamConnection> PooledHttpExchange::connect(const Target& target,
                                                                Clock::time_point deadline,
                                                                TransportFailure& failure) {
  const std::string& hopHost = target.proxy ? target.proxy.host : target.host;
  const unsigned short hopPort = target.proxy ? target.proxy.port : target.port;
  std::string where = "connect to " + hopHost + ":" + std::to_string(hopPort);
  std::vector<Poco::Net::IPAddress> addresses;
  if (!target.proxy) {
    // Resolve, check every address, then connect to those addresses only.
    failure = policy_.resolve(target.host, target.port, addresses);
    if (failure) return nullptr;
  }
  try {
    const Clock::time_point connectBy =
        std::min(deadline, Clock::now() + milliseconds(egress_.connectTimeoutMs));
    Poco::Net::StreamSocket socket;
    if (target.proxy) {
      // The operator's own proxy, from the environment: not an egress target.
      socket.connect(Poco::Net::SocketAddress(hopHost, hopPort), timespanUntil(connectBy));
    } else {
      for (size_t i = 0;; ++i) {
        where = "connect to " + target.host + ":" + std::to_string(target.port) + " (" +
                addresses[i].toString() + ")";
        try {
          socket = Poco::Net::StreamSocket();  // a failed socket is not reused
          socket.connect(Poco::Net::SocketAddress(addresses[i], target.port),
                         timespanUntil(connectBy));
          break;
        } catch (const Poco::Net::NetException&) {
          if (i + 1 == addresses.size() || Clock::now() >= connectBy) throw;
        }
      }
    }
    socket.setNoDelay(true);
    socket.setSendTimeout(
        Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(egress_.requestTimeoutMs) * 1000));
    if (target.proxy && target.scheme == "https") {
      failure = openTunnel(socket, target.host, target.port, deadline);
      if (failure) return nullptr;
    }
    if (target.scheme == "https") {
      socket.setReceiveTimeout(timespanUntil(deadline));
      // Sets SNI and verifies the chain and the host name during the handshake.
      Poco::Net::SecureStreamSocket secure =
          Poco::Net::SecureStreamSocket::attach(socket, target.host, tls_);
      return std::make_unique<UpstreamConnection>(secure, target.origin, true);
    }
    return std::make_unique<UpstreamConnection>(socket, target.origin, false);
  } catch (const Poco::Net::ConnectionRefusedException& e) {
    failure = {Kind::Refused, where + ": connection refused"};
  } catch (const Poco::Net::HostNotFoundException& e) {
    failure = {Kind::Unreachable, where + ": host not found"};
  } catch (const Poco::Net::NoAddressFoundException& e) {
    failure = {Kind::Unreachable, where + ": host has no address"};
  } catch (const Poco::Net::DNSException& e) {
    failure = {Kind::Unreachable, where + ": DNS lookup failed: " + e.message()};
  } catch (const Poco::TimeoutException& e) {
    failure = {Kind::Timeout, where + ": timed out"};
  } catch (const Poco::Net::SSLException& e) {
    failure = {Kind::Tls, "TLS with " + target.host + " failed: " + e.displayText()};
  } catch (const Poco::Exception& e) {
    failure = {Kind::Io, where + ": " + e.displayText()};
  }
  return nullptr;
}

std::string PooledHttpExchange::serialize(const OutboundRequest& request,
                                          const Target& target) const {
  const bool defaultPort = (target.scheme == "https" && target.port == 443) ||
                           (target.scheme == "http" && target.port == 80);
  const std::string host =
      target.host.find(':') != std::string::npos ? "[" + target.host + "]" : target.host;
  const std::string authority = defaultPort ? host : host + ":" + std::to_string(target.port);
  // A plain-http proxy takes the absolute form; a tunnel carries the origin form.
  const bool absolute = target.proxy && target.scheme == "http";
  std::string wire;
  wire.reserve(256 + request.body.size());
  wire += request.method + " " +
          (absolute ? target.scheme + "://" + authority + target.pathEtc : target.pathEtc) +
          " HTTP/1.1\r\nHost: " + authority + "\r\n";
  for (const auto& [name, value] : request.headers) {
    if (Poco::icompare(name, "host") == 0 || Poco::icompare(name, "content-length") == 0 ||
        Poco::icompare(name, "connection") == 0 || Poco::icompare(name, "transfer-encoding") == 0)
      continue;
    if (name.find_first_of("\r\n:") != std::string::npos ||
        value.find_first_of("\r\n") != std::string::npos)
      continue;  // a header that would split the request is dropped, never sent
    wire += name + ": " + value + "\r\n";
  }
  if (!request.body.empty() || request.method == "POST" || request.method == "PUT" ||
      request.method == "PATCH")
    wire += "Content-Length: " + std::to_string(request.body.size()) + "\r\n";
  wire += "\r\n";
  wire += request.body;
  return wire;
}

TransportFailure PooledHttpExchange::send(const OutboundRequest& request,
                                          const ResponseHandler& handler) {
  Target target;
  if (TransportFailure invalid = parseTarget(request.url, target)) return invalid;
  const milliseconds perWait(request.timeoutMs > 0 ? request.timeoutMs : egress_.requestTimeoutMs);
  const Clock::time_point headDeadline =
      request.headDeadline != Clock::time_point{} ? request.headDeadline : Clock::now() + perWait;
  const std::string wire = serialize(request, target);

  for (int attempt = 0;; ++attempt) {
    TransportFailure failure;
    std::unique_ptr<UpstreamConnection> connection =
        attempt == 0 ? pool_.take(target.origin) : nullptr;
    const bool reused = connection != nullptr;
    if (!connection) connection = connect(target, headDeadline, failure);
    if (!connection) return failure;
    connection->markUsed();
    const size_t receivedBefore = connection->received();

    ResponseReader reader(*connection);
    ResponseHead head;
    std::string problem;
    IoStatus status = connection->writeAll(wire, headDeadline);
    if (status == IoStatus::Ok)
      status = reader.readHead(head, headDeadline, request.cancel, problem);
    if (status != IoStatus::Ok) {
      // A pooled connection the peer closed while it sat idle: not the
      // upstream's failure. Try once more on a fresh connection.
      const bool stale = reused && connection->received() == receivedBefore &&
                         (status == IoStatus::Closed || status == IoStatus::Error);
      if (stale) continue;
      return ioFailure(status, problem, false, target.host);
    }

    if (handler.onHead) handler.onHead(head.status, head.headers);
    for (;;) {
      const Clock::time_point deadline =
          handler.readDeadline ? handler.readDeadline() : Clock::now() + perWait;
      std::string_view piece;
      status = reader.readBody(piece, deadline, request.cancel, problem);
      if (status == IoStatus::Ok) {
        if (handler.onChunk && !handler.onChunk(piece)) return {};  // the caller stopped
        continue;
      }
      if (status == IoStatus::Closed && reader.done()) {
        if (head.keepAlive) pool_.give(std::move(connection));
        return {};
      }
      return ioFailure(status, problem, true, target.host);
    }
  }
}

}  // namespace manifold::upstream
