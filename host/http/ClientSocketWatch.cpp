#include "http/ClientSocketWatch.h"

#include <errno.h>
#include <poll.h>
#include <sys/socket.h>

namespace manifold::http {

int ClientSocketWatch::fd() const {
  return socket_.impl()->sockfd();
}

bool ClientSocketWatch::gone() {
  if (gone_) return true;
  pollfd p{fd(), POLLIN, 0};
  if (::poll(&p, 1, 0) <= 0) return false;
  if (p.revents & (POLLHUP | POLLERR)) return gone_ = true;
  char byte;
  const ssize_t n = ::recv(fd(), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
  if (n == 0) return gone_ = true;
  if (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) return gone_ = true;
  return false;
}

}  // namespace manifold::http
