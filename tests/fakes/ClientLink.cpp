#include "ClientLink.h"

#include <poll.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>

namespace manifold::test {

ClientLink::ClientLink(Poco::Net::StreamSocket socket, const StopSignal& stop)
    : socket_(std::move(socket)), stop_(stop) {}

ClientLink::Pause ClientLink::pause(int ms) const {
  using Clock = std::chrono::steady_clock;
  const auto deadline = Clock::now() + std::chrono::milliseconds(std::max(ms, 0));
  // One poll on the socket and the stop signal together, so a client's close
  // is seen the moment it arrives (benchmarks time it: tests/bench/cancel.sh).
  // Without the signal's descriptor, wake every 10 ms to look at the flag.
  const int stopFd = stop_.fd();
  for (;;) {
    if (stop_.triggered()) return Pause::Stopping;
    if (gone()) return Pause::ClientGone;
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now());
    if (left.count() <= 0) return Pause::Elapsed;
    if (stopFd < 0) left = std::min(left, std::chrono::milliseconds(10));
    pollfd fds[2] = {{socket_.impl()->sockfd(), POLLRDHUP, 0}, {stopFd, POLLIN, 0}};
    if (fds[0].fd < 0) return Pause::ClientGone;
    ::poll(fds, stopFd < 0 ? 1 : 2, static_cast<int>(left.count()));  // the loop reads the outcome
  }
}

bool ClientLink::gone() const {
  // POLLRDHUP reports the peer's FIN even when unread bytes (a TLS alert, a
  // pipelined request) sit in front of it.
  pollfd probe{socket_.impl()->sockfd(), POLLRDHUP, 0};
  if (probe.fd < 0) return true;
  if (::poll(&probe, 1, 0) < 0) return false;
  return (probe.revents & (POLLRDHUP | POLLHUP | POLLERR | POLLNVAL)) != 0;
}

void ClientLink::cut() {
  const int fd = socket_.impl()->sockfd();
  if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
}

void ClientLink::reset() {
  try {
    socket_.setLinger(true, 0);
    socket_.close();
  } catch (const Poco::Exception&) {
    cut();
  }
}

}  // namespace manifold::test
