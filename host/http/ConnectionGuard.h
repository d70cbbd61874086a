#pragma once

#include <chrono>

#include "http/ConnectionDeadlines.h"
#include "upstream/CancellationToken.h"

namespace manifold::http {

/// The deadlines of the connection the current worker thread serves. Poco
/// runs a connection's requests on one thread, so handlers reach their own
/// connection's guard through current().
class ConnectionGuard {
 public:
  ConnectionGuard(ConnectionDeadlines& deadlines, int fd, std::string peer,
                  std::chrono::milliseconds headerTimeout, std::chrono::milliseconds keepAlive);
  ~ConnectionGuard();

  /// The guard of this thread's connection, or null outside one.
  static ConnectionGuard* current();

  /// The request head arrived: its deadline is met.
  void headReceived();
  /// The body must arrive within `limit`.
  void expectBody(std::chrono::milliseconds limit);
  void bodyReceived();
  /// The response is sent: the next request's head may take the keep-alive
  /// wait plus the header limit.
  void awaitNextRequest();
  bool expired() const;

  /// Tripped when this connection's client hangs up; null when nothing
  /// watches it. One per connection, not per request, so a keep-alive
  /// client costs no system call per request for it.
  upstream::CancellationToken* hangupToken() const { return hangup_; }
  void setHangupToken(upstream::CancellationToken* token) { hangup_ = token; }

 private:
  ConnectionDeadlines& deadlines_;
  ConnectionDeadlines::Id id_;
  std::chrono::milliseconds headerTimeout_;
  std::chrono::milliseconds keepAlive_;
  ConnectionGuard* previous_;
  upstream::CancellationToken* hangup_ = nullptr;
};

}  // namespace manifold::http
