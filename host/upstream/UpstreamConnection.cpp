#include "upstream/UpstreamConnection.h"

#include <Poco/Net/NetException.h>
#include <poll.h>

#include <algorithm>

namespace manifold::upstream {
namespace {

constexpr size_t kReadChunk = 4096;  // SSE frames are small; each held stream keeps one

int millisUntil(Clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<int64_t>(left, 0, 24LL * 3600 * 1000));
}

}  // namespace

UpstreamConnection::UpstreamConnection(Poco::Net::StreamSocket socket, std::string origin, bool tls)
    : socket_(std::move(socket)), origin_(std::move(origin)), tls_(tls) {}

UpstreamConnection::~UpstreamConnection() {
  close();
}

void UpstreamConnection::close() {
  try {
    socket_.close();
  } catch (const Poco::Exception&) {
  }
}

template <class Transfer>
IoStatus UpstreamConnection::withoutExceptions(Transfer&& transfer) {
  try {
    return transfer();
  } catch (const Poco::TimeoutException&) {
    return IoStatus::Timeout;
  } catch (const Poco::Exception& e) {
    lastError_ = e.displayText();
    return IoStatus::Error;
  }
}

IoStatus UpstreamConnection::writeAll(std::string_view bytes, Clock::time_point deadline) {
  return withoutExceptions([&] {
    // The send timeout was set at connect; requests are small, so a write
    // blocks only when the peer stops reading.
    while (!bytes.empty()) {
      if (millisUntil(deadline) == 0) return IoStatus::Timeout;
      const int n = socket_.sendBytes(bytes.data(), static_cast<int>(bytes.size()));
      if (n <= 0) return IoStatus::Closed;
      bytes.remove_prefix(static_cast<size_t>(n));
    }
    return IoStatus::Ok;
  });
}

IoStatus UpstreamConnection::waitReadable(Clock::time_point deadline,
                                          const CancellationToken* cancel) {
  if (cancel && cancel->cancelled()) return IoStatus::Cancelled;
  // TLS may hold decrypted bytes the descriptor no longer signals.
  if (tls_ && socket_.available() > 0) return IoStatus::Ok;
  for (;;) {
    pollfd fds[2] = {{socket_.impl()->sockfd(), POLLIN, 0},
                     {cancel ? cancel->fd() : -1, POLLIN, 0}};
    const int ms = millisUntil(deadline);
    if (ms == 0) return IoStatus::Timeout;
    const int rc = ::poll(fds, cancel ? 2 : 1, ms);
    if (rc < 0) {
      if (errno == EINTR) continue;
      lastError_ = "poll failed";
      return IoStatus::Error;
    }
    if (rc == 0) return IoStatus::Timeout;
    if (cancel && fds[1].revents) return IoStatus::Cancelled;
    if (fds[0].revents) return IoStatus::Ok;
  }
}

IoStatus UpstreamConnection::fill(Clock::time_point deadline, const CancellationToken* cancel) {
  if (start_ > 0) buffer_.erase(0, start_), start_ = 0;
  const IoStatus ready = waitReadable(deadline, cancel);
  if (ready != IoStatus::Ok) return ready;
  const size_t old = buffer_.size();
  const IoStatus status = withoutExceptions([&] {
    // Plain sockets are readable now, so the read cannot block; TLS may need
    // the rest of a record, so bound that wait too.
    if (tls_) {
      const int ms = std::max(1, millisUntil(deadline));
      socket_.setReceiveTimeout(Poco::Timespan(static_cast<Poco::Timespan::TimeDiff>(ms) * 1000));
    }
    buffer_.resize(old + kReadChunk);
    const int n = socket_.receiveBytes(buffer_.data() + old, static_cast<int>(kReadChunk));
    buffer_.resize(old + static_cast<size_t>(std::max(n, 0)));
    if (n <= 0) return IoStatus::Closed;
    received_ += static_cast<size_t>(n);
    return IoStatus::Ok;
  });
  if (status != IoStatus::Ok) buffer_.resize(old);  // drop a read the exception cut short
  return status;
}

void UpstreamConnection::consume(size_t n) {
  start_ += std::min(n, buffer_.size() - start_);
  if (start_ == buffer_.size()) buffer_.clear(), start_ = 0;
}

bool UpstreamConnection::looksReusable() {
  if (!buffered().empty()) return false;
  pollfd fd{socket_.impl()->sockfd(), POLLIN, 0};
  try {
    return ::poll(&fd, 1, 0) == 0 && (!tls_ || socket_.available() == 0);
  } catch (const Poco::Exception&) {
    return false;
  }
}

}  // namespace manifold::upstream
