#pragma once

#include <sys/socket.h>

#include <chrono>
#include <string>

#include "ResponseParser.h"
#include "StreamResult.h"

namespace manifold::bench {

using Clock = std::chrono::steady_clock;

/// One non-blocking client socket carrying one request at a time; after a
/// clean keep-alive response it can carry the next one.
class StreamConnection {
 public:
  enum class Phase { Connecting, Sending, Receiving, Finished };

  StreamConnection(const sockaddr_storage& address, socklen_t length, const std::string& request);
  ~StreamConnection();
  StreamConnection(const StreamConnection&) = delete;
  StreamConnection& operator=(const StreamConnection&) = delete;

  int fd() const { return fd_; }
  Phase phase() const { return phase_; }
  short pollEvents() const;
  /// Handles poll's revents; returns true when the request has finished
  /// (result() is then final).
  bool onEvents(short revents, Clock::time_point now);
  /// Gives up on the request in flight.
  void timeOut(Clock::time_point now);
  /// True once the request's bytes are all written (the stream is "open").
  bool requestSent() const { return sent_ == request_.size(); }
  Clock::time_point requestStarted() const { return started_; }
  const StreamResult& result() const { return result_; }
  /// After a finished request: true when the socket can carry another.
  bool reusable() const;
  /// Starts the next request on this keep-alive socket; true when it has
  /// already finished (failed).
  bool restart(Clock::time_point now);

 private:
  void finish(StreamFailure failure, Clock::time_point now);
  bool onConnected(Clock::time_point now);
  bool onWritable(Clock::time_point now);
  bool onReadable(Clock::time_point now);
  int64_t sinceStart(Clock::time_point now) const;

  int fd_ = -1;
  Phase phase_ = Phase::Connecting;
  const std::string& request_;
  size_t sent_ = 0;
  Clock::time_point started_;
  ResponseParser parser_;
  StreamResult result_;
};

}  // namespace manifold::bench
