#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <chrono>

#include "http/ClientHangupMonitor.h"
#include "http/ConnectionDeadlines.h"
#include "http/RequestHeadLimits.h"

namespace manifold::http {

/// Makes GuardedHttpConnections: each runs under a ConnectionGuard, so it has
/// absolute head and body deadlines, and checks every request head against
/// the limits and for ambiguous framing before a handler sees it.
class GuardedConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
 public:
  GuardedConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                           Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                           ConnectionDeadlines& deadlines, std::chrono::milliseconds headerTimeout,
                           const RequestHeadLimits& limits = RequestHeadLimits(),
                           ClientHangupMonitor* hangups = nullptr);

  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override;

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
  ConnectionDeadlines& deadlines_;
  std::chrono::milliseconds headerTimeout_;
  RequestHeadLimits limits_;
  ClientHangupMonitor* hangups_;
};

}  // namespace manifold::http
