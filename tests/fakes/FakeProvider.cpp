#include "FakeProvider.h"

#include <sys/socket.h>

#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/SSLManager.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/ThreadPool.h>

#include "FakeHandlerFactory.h"

namespace manifold::test {
namespace {

Poco::Net::ServerSocket listen(const FakeProvider::Options& options) {
  const Poco::Net::SocketAddress address(options.host, options.port);
  if (!options.tls) return Poco::Net::ServerSocket(address, options.backlog);
  Poco::Net::Context::Ptr context =
      new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, options.keyFile, options.certFile,
                             "", Poco::Net::Context::VERIFY_NONE);
  return Poco::Net::SecureServerSocket(address, options.backlog, context);
}

}  // namespace

FakeProvider::FakeProvider() : FakeProvider(Options{}) {}

FakeProvider::FakeProvider(Options options)
    : options_(std::move(options)), ledger_(options_.unscripted, options_.recordRequests) {
  if (options_.tls) Poco::Net::initializeSSL();
  const Poco::Net::ServerSocket socket = listen(options_);
  listenerFd_ = socket.impl()->sockfd();
  port_ = socket.address().port();
  threads_ =
      std::make_unique<Poco::ThreadPool>(2, options_.maxThreads, 60, options_.threadStackBytes);
  Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
  params->setMaxThreads(options_.maxThreads);
  params->setMaxQueued(std::max(options_.backlog, options_.maxThreads));
  params->setKeepAlive(true);
  params->setMaxKeepAliveRequests(0);  // unlimited
  server_ = std::make_unique<Poco::Net::HTTPServer>(new FakeHandlerFactory(ledger_, stop_),
                                                    *threads_, socket, params);
  server_->start();
}

FakeProvider::~FakeProvider() {
  stop_.trigger();  // cuts every delay and stall short
  // Wakes the acceptor at once instead of at its next 250 ms poll; the server
  // still owns (and later closes) the descriptor.
  ::shutdown(listenerFd_, SHUT_RDWR);
  server_->stopAll(true);  // stops accepting and shuts down every open connection
  threads_->joinAll();
  server_.reset();
  threads_.reset();
  if (options_.tls) Poco::Net::uninitializeSSL();
}

uint16_t FakeProvider::port() const {
  return port_;
}

std::string FakeProvider::baseUrl(const std::string& route, const std::string& host) const {
  return std::string(options_.tls ? "https" : "http") + "://" + host + ":" + std::to_string(port_) +
         "/" + route + "/v1";
}

void FakeProvider::script(const std::string& route, std::vector<FakeBehaviour> behaviours) {
  ledger_.script(route, std::move(behaviours));
}

int FakeProvider::requests(const std::string& route) const {
  return ledger_.requests(route);
}

std::vector<std::string> FakeProvider::bodies(const std::string& route) const {
  return ledger_.bodies(route);
}

std::vector<HeaderList> FakeProvider::requestHeaders(const std::string& route) const {
  return ledger_.headers(route);
}

int FakeProvider::abandoned(const std::string& route) const {
  return ledger_.abandoned(route);
}

bool FakeProvider::waitAbandoned(const std::string& route, int n,
                                 std::chrono::milliseconds timeout) const {
  return ledger_.waitAbandoned(route, n, timeout);
}

int FakeProvider::connectionsAccepted() const {
  return server_->totalConnections();
}

}  // namespace manifold::test
