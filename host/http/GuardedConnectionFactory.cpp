#include "http/GuardedConnectionFactory.h"

#include <Poco/Net/HTTPServerConnection.h>

#include "http/ConnectionGuard.h"

namespace manifold::http {
namespace {

class GuardedHttpConnection : public Poco::Net::HTTPServerConnection {
 public:
  GuardedHttpConnection(const Poco::Net::StreamSocket& socket,
                        Poco::Net::HTTPServerParams::Ptr params,
                        Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                        ConnectionDeadlines& deadlines, std::chrono::milliseconds headerTimeout)
      : HTTPServerConnection(socket, params, handlers),
        params_(params),
        deadlines_(deadlines),
        headerTimeout_(headerTimeout) {}

  void run() override {
    std::string peer;
    try {
      peer = socket().peerAddress().toString();
    } catch (const Poco::Exception&) {
      peer = "a client that already left";
    }
    const auto keepAlive =
        std::chrono::milliseconds(params_->getKeepAliveTimeout().totalMilliseconds());
    ConnectionGuard guard(deadlines_, socket().impl()->sockfd(), peer, headerTimeout_, keepAlive);
    HTTPServerConnection::run();
  }

 private:
  Poco::Net::HTTPServerParams::Ptr params_;
  ConnectionDeadlines& deadlines_;
  std::chrono::milliseconds headerTimeout_;
};

}  // namespace

GuardedConnectionFactory::GuardedConnectionFactory(
    Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
    ConnectionDeadlines& deadlines, std::chrono::milliseconds headerTimeout)
    : params_(params), handlers_(handlers), deadlines_(deadlines), headerTimeout_(headerTimeout) {}

Poco::Net::TCPServerConnection* GuardedConnectionFactory::createConnection(
    const Poco::Net::StreamSocket& socket) {
  return new GuardedHttpConnection(socket, params_, handlers_, deadlines_, headerTimeout_);
}

}  // namespace manifold::http
