#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerConnection.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/HTTPServerSession.h>

#include <chrono>
#include <string>

#include "http/ClientHangupMonitor.h"
#include "http/ConnectionDeadlines.h"
#include "http/HeadRefusal.h"
#include "http/RequestHeadLimits.h"

namespace manifold::http {

/// One client connection. It runs under a ConnectionGuard (absolute head
/// and body deadlines) and serves requests as Poco's HTTPServerConnection
/// does, except that each head is checked before any handler sees it:
/// RequestHeadLimits (431, 414) and checkFraming (400, 501). Poco's own loop
/// answers a head its parser refuses with a bare 400, and takes chunked over
/// a Content-Length beside it; this one answers with the gateway's JSON
/// error body and the right status, and closes the connection after any
/// refusal.
class GuardedHttpConnection : public Poco::Net::HTTPServerConnection {
 public:
  GuardedHttpConnection(const Poco::Net::StreamSocket& socket,
                        Poco::Net::HTTPServerParams::Ptr params,
                        Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                        ConnectionDeadlines& deadlines, std::chrono::milliseconds headerTimeout,
                        const RequestHeadLimits& limits, ClientHangupMonitor* hangups);

  void run() override;

 private:
  void serve();
  /// Serves one request; false once the connection must close.
  bool serveOne(Poco::Net::HTTPServerSession& session, const std::string& server);
  void refuse(Poco::Net::HTTPServerResponse& response, const HeadRefusal& refusal);
  /// Closing with unread bytes makes the kernel reset the connection, which
  /// can destroy the answer before the client reads it: half-close, then
  /// discard what the client still sends, for a bounded time and size.
  void lingerBeforeClose();

  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
  ConnectionDeadlines& deadlines_;
  std::chrono::milliseconds headerTimeout_;
  RequestHeadLimits limits_;
  std::string peer_;
  ClientHangupMonitor* hangups_;
};

}  // namespace manifold::http
