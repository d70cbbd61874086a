#include "StreamConnection.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <unistd.h>

#include <cerrno>

namespace manifold::bench {

StreamConnection::StreamConnection(const sockaddr_storage& address, socklen_t length,
                                   const std::string& request)
    : request_(request), started_(Clock::now()) {
  fd_ = ::socket(address.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd_ < 0) {
    finish(StreamFailure::ConnectFailed, started_);
    return;
  }
  const int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), length) == 0) {
    onConnected(started_);
  } else if (errno != EINPROGRESS) {
    finish(errno == ECONNREFUSED ? StreamFailure::Refused : StreamFailure::ConnectFailed, started_);
  }
}

StreamConnection::~StreamConnection() {
  if (fd_ >= 0) ::close(fd_);
}

short StreamConnection::pollEvents() const {
  switch (phase_) {
    case Phase::Connecting:
    case Phase::Sending:
      return POLLOUT;
    case Phase::Receiving:
      return POLLIN;
    case Phase::Finished:
      break;
  }
  return 0;
}

bool StreamConnection::onEvents(short revents, Clock::time_point now) {
  if (phase_ == Phase::Connecting) {
    int error = 0;
    socklen_t size = sizeof(error);
    ::getsockopt(fd_, SOL_SOCKET, SO_ERROR, &error, &size);
    if (error != 0) {
      finish(error == ECONNREFUSED ? StreamFailure::Refused : StreamFailure::ConnectFailed, now);
      return true;
    }
    if (!(revents & POLLOUT)) return false;
    if (onConnected(now)) return true;
  }
  if (phase_ == Phase::Sending && (revents & (POLLOUT | POLLERR | POLLHUP))) {
    if (onWritable(now)) return true;
  }
  if (phase_ == Phase::Receiving && (revents & (POLLIN | POLLERR | POLLHUP))) {
    return onReadable(now);
  }
  return phase_ == Phase::Finished;
}

bool StreamConnection::onConnected(Clock::time_point now) {
  result_.connected = true;
  phase_ = Phase::Sending;
  started_ = now;
  return onWritable(now);
}

bool StreamConnection::onWritable(Clock::time_point now) {
  while (sent_ < request_.size()) {
    const ssize_t n = ::send(fd_, request_.data() + sent_, request_.size() - sent_, MSG_NOSIGNAL);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) return false;
      if (errno == EINTR) continue;
      finish(StreamFailure::Reset, now);
      return true;
    }
    sent_ += static_cast<size_t>(n);
  }
  phase_ = Phase::Receiving;
  return false;
}

bool StreamConnection::onReadable(Clock::time_point now) {
  char buffer[16384];
  for (;;) {
    const ssize_t n = ::recv(fd_, buffer, sizeof(buffer), 0);
    if (n < 0) {
      if (errno == EAGAIN || errno == EWOULDBLOCK) return false;
      if (errno == EINTR) continue;
      finish(StreamFailure::Reset, now);
      return true;
    }
    if (n == 0) {
      parser_.closed();
      if (!parser_.complete()) {
        parser_ = ResponseParser();  // keepAlive() false: never reused
        finish(StreamFailure::Reset, now);
        return true;
      }
    } else {
      const bool hadContent = parser_.sawContent();
      parser_.feed(buffer, static_cast<size_t>(n));
      if (!hadContent && parser_.sawContent()) result_.firstContentUs = sinceStart(now);
      result_.status = parser_.status();
    }
    if (parser_.state() == ResponseParser::State::Malformed) {
      finish(StreamFailure::Malformed, now);
      return true;
    }
    if (parser_.complete()) {
      result_.done = parser_.sawDone();
      if (parser_.status() != 200) {
        finish(StreamFailure::Non200, now);
      } else {
        finish(result_.done ? StreamFailure::None : StreamFailure::NoDone, now);
      }
      return true;
    }
    if (n == 0) return true;
  }
}

void StreamConnection::timeOut(Clock::time_point now) {
  if (phase_ != Phase::Finished) finish(StreamFailure::TimedOut, now);
}

bool StreamConnection::reusable() const {
  return phase_ == Phase::Finished && result_.failure == StreamFailure::None && parser_.keepAlive();
}

bool StreamConnection::restart(Clock::time_point now) {
  parser_.reset();
  result_ = StreamResult();
  result_.connected = true;
  sent_ = 0;
  phase_ = Phase::Sending;
  started_ = now;
  return onWritable(now);
}

void StreamConnection::finish(StreamFailure failure, Clock::time_point now) {
  phase_ = Phase::Finished;
  result_.failure = failure;
  result_.status = parser_.status();
  if (result_.connected) result_.totalUs = sinceStart(now);
}

int64_t StreamConnection::sinceStart(Clock::time_point now) const {
  return std::chrono::duration_cast<std::chrono::microseconds>(now - started_).count();
}

}  // namespace manifold::bench
