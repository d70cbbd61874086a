#pragma once

#include <atomic>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/StreamSocket.h>

namespace manifold::test {

/// A loopback HTTP proxy for egress tests, one thread per client connection.
/// It tunnels `CONNECT host:port` (answering "200 Connection established" and
/// relaying bytes both ways until either side closes) and forwards
/// absolute-form plain requests (`POST http://host:port/path HTTP/1.1`): the
/// request line is rewritten to origin form, "Connection: close" replaces any
/// Connection header, and the answer is relayed back. Uses Poco only.
class ConnectProxy {
 public:
  ConnectProxy();
  /// Closes every connection and joins every thread, promptly.
  ~ConnectProxy();
  ConnectProxy(const ConnectProxy&) = delete;
  ConnectProxy& operator=(const ConnectProxy&) = delete;

  uint16_t port() const;
  /// http://127.0.0.1:<port>
  std::string url() const;
  /// CONNECT tunnels established.
  int tunnels() const;
  /// Every "host:port" reached, tunnelled or forwarded, in order.
  std::vector<std::string> targets() const;

 private:
  struct Link {
    Poco::Net::StreamSocket client;
    Poco::Net::StreamSocket target;  // set once connected, under mutex
    std::mutex mutex;
    std::thread thread;
    std::atomic<bool> done{false};
  };

  void acceptLoop();
  void serve(Link& link);
  /// Connects to host:port and publishes the socket on the link; false on failure.
  bool connectTarget(Link& link, const std::string& authority);
  /// Waits until `socket` is readable; false when the proxy is stopping.
  bool waitReadable(const Poco::Net::StreamSocket& socket) const;
  void reapFinished();

  Poco::Net::ServerSocket listener_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mutex_;
  std::list<std::unique_ptr<Link>> links_;
  int tunnels_ = 0;
  std::vector<std::string> targets_;
  std::thread acceptor_;
};

}  // namespace manifold::test
