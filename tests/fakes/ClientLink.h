#pragma once

#include <Poco/Net/StreamSocket.h>

#include "StopSignal.h"

namespace manifold::test {

/// The connection a fake is answering on: paces the answer while watching
/// whether the client has gone and whether the server is shutting down.
class ClientLink {
 public:
  enum class Pause { Elapsed, ClientGone, Stopping };

  ClientLink(Poco::Net::StreamSocket socket, const StopSignal& stop);

  /// Sleeps for `ms`; returns as soon as the client hangs up or the server
  /// stops (one poll on the socket and the stop signal).
  Pause pause(int ms) const;
  bool stopping() const { return stop_.triggered(); }
  /// Whether the client has closed or reset its side of the connection.
  bool gone() const;
  /// Shuts the TCP connection down at once, beneath any TLS layer, so nothing
  /// more (no terminating chunk, no close_notify) reaches the client.
  void cut();
  /// Closes the connection with a TCP reset (SO_LINGER 0), as a crashing
  /// upstream would.
  void reset();

 private:
  Poco::Net::StreamSocket socket_;
  const StopSignal& stop_;
};

}  // namespace manifold::test
