#pragma once

#include <Poco/Net/StreamSocket.h>

#include <string>
#include <string_view>

#include "upstream/HttpExchange.h"

namespace manifold::upstream {

/// How one wait or transfer on a connection ended. Never an exception: the
/// streaming path reports, it does not throw.
enum class IoStatus { Ok, Closed, Timeout, Cancelled, Error };

/// One TCP (or TLS) connection to an upstream, with a read buffer. Every wait
/// is bounded by a deadline and honours the turn's cancellation token, so no read outlives
/// either.
class UpstreamConnection {
 public:
  /// `tls`: the socket decrypts, so bytes may wait inside it unseen by poll().
  UpstreamConnection(Poco::Net::StreamSocket socket, std::string origin, bool tls);
  ~UpstreamConnection();
  UpstreamConnection(const UpstreamConnection&) = delete;
  UpstreamConnection& operator=(const UpstreamConnection&) = delete;

  const std::string& origin() const { return origin_; }
  /// Requests this connection has carried; more than zero means reused.
  int uses() const { return uses_; }
  void markUsed() { ++uses_; }
  Clock::time_point idleSince() const { return idleSince_; }
  void markIdle() { idleSince_ = Clock::now(); }

  IoStatus writeAll(std::string_view bytes, Clock::time_point deadline);
  /// Reads at least one more byte into the buffer.
  IoStatus fill(Clock::time_point deadline, const CancellationToken* cancel);

  std::string_view buffered() const { return {buffer_.data() + start_, buffer_.size() - start_}; }
  void consume(size_t n);
  /// Bytes ever received; zero means the peer never answered.
  size_t received() const { return received_; }
  const std::string& lastError() const { return lastError_; }

  /// An idle pooled connection that is readable has been closed (or sent
  /// garbage) by the peer and must not be reused.
  bool looksReusable();
  void close();

 private:
  IoStatus waitReadable(Clock::time_point deadline, const CancellationToken* cancel);
  /// Runs a socket transfer, turning Poco's exceptions into a status.
  template <class Transfer>
  IoStatus withoutExceptions(Transfer&& transfer);

  Poco::Net::StreamSocket socket_;
  std::string origin_;
  bool tls_;
  std::string buffer_;
  size_t start_ = 0;
  size_t received_ = 0;
  int uses_ = 0;
  Clock::time_point idleSince_{};
  std::string lastError_;
};

}  // namespace manifold::upstream
