#include "http/GuardedConnectionFactory.h"

#include "http/GuardedHttpConnection.h"

namespace manifold::http {

GuardedConnectionFactory::GuardedConnectionFactory(
    Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
    ConnectionDeadlines& deadlines, std::chrono::milliseconds headerTimeout,
    const RequestHeadLimits& limits, ClientHangupMonitor* hangups)
    : params_(params),
      handlers_(handlers),
      deadlines_(deadlines),
      headerTimeout_(headerTimeout),
      limits_(limits),
      hangups_(hangups) {}

Poco::Net::TCPServerConnection* GuardedConnectionFactory::createConnection(
    const Poco::Net::StreamSocket& socket) {
  return new GuardedHttpConnection(socket, params_, handlers_, deadlines_, headerTimeout_, limits_,
                                   hangups_);
}

}  // namespace manifold::http
