#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <thread>

#include "upstream/CancellationToken.h"

namespace manifold::http {

/// Trips a turn's cancellation token the moment its client hangs up. One
/// thread waits in epoll on every connection that has a turn in flight, for
/// the peer's close (EPOLLRDHUP) or an error; it never reads, so bytes a
/// client pipelines are left for the server. This is what keeps the turn
/// free of sockets while a client that leaves still stops its upstream
/// request at once.
class ClientHangupMonitor {
 public:
  ClientHangupMonitor();
  ~ClientHangupMonitor();
  ClientHangupMonitor(const ClientHangupMonitor&) = delete;
  ClientHangupMonitor& operator=(const ClientHangupMonitor&) = delete;

  /// Watches `fd` for as long as it lives; `token` must outlive it.
  class Watch {
   public:
    Watch(ClientHangupMonitor& monitor, int fd, upstream::CancellationToken& token);
    ~Watch();
    Watch(const Watch&) = delete;
    Watch& operator=(const Watch&) = delete;

   private:
    ClientHangupMonitor& monitor_;
    int fd_;
  };

 private:
  /// One watch of one socket. A closed socket's number is soon another
  /// client's: an event names the watch it was armed for, so a hang-up seen
  /// just before its watch ended never cancels the next turn on that number.
  struct Registration {
    uint32_t serial = 0;
    upstream::CancellationToken* token = nullptr;
  };
  void add(int fd, upstream::CancellationToken& token);
  void remove(int fd);
  void run();

  int epoll_ = -1;
  int wake_ = -1;  ///< eventfd that ends run()
  std::mutex mutex_;
  std::map<int, Registration> watched_;
  uint32_t nextSerial_ = 1;
  std::thread thread_;
};

}  // namespace manifold::http
