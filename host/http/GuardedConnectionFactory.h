#pragma once

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include <chrono>

#include "http/ConnectionDeadlines.h"

namespace manifold::http {

/// Makes Poco HTTP server connections that run under a ConnectionGuard, so
/// each has absolute head and body deadlines.
class GuardedConnectionFactory : public Poco::Net::TCPServerConnectionFactory {
 public:
  GuardedConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                           Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                           ConnectionDeadlines& deadlines, std::chrono::milliseconds headerTimeout);

  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override;

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
  ConnectionDeadlines& deadlines_;
  std::chrono::milliseconds headerTimeout_;
};

}  // namespace manifold::http
