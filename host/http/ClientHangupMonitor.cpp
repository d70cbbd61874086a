#include "http/ClientHangupMonitor.h"

#include <Poco/Logger.h>
#include <errno.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>

namespace manifold::http {

ClientHangupMonitor::ClientHangupMonitor()
    : epoll_(::epoll_create1(EPOLL_CLOEXEC)), wake_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (epoll_ < 0 || wake_ < 0) throw std::runtime_error("cannot create the hang-up monitor");
  epoll_event e{};
  e.events = EPOLLIN;
  e.data.fd = wake_;
  ::epoll_ctl(epoll_, EPOLL_CTL_ADD, wake_, &e);
  thread_ = std::thread([this] { run(); });
}

ClientHangupMonitor::~ClientHangupMonitor() {
  const uint64_t one = 1;
  [[maybe_unused]] const ssize_t n = ::write(wake_, &one, sizeof(one));
  thread_.join();
  ::close(wake_);
  ::close(epoll_);
}

void ClientHangupMonitor::add(int fd, upstream::CancellationToken& token) {
  std::lock_guard<std::mutex> lock(mutex_);
  tokens_[fd] = &token;
  epoll_event e{};
  // One-shot: a closed peer stays readable, and one trip is all it takes.
  e.events = EPOLLRDHUP | EPOLLONESHOT;
  e.data.fd = fd;
  if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &e) != 0)
    Poco::Logger::get("http").warning("cannot watch client socket %d for hang-ups (errno %d)", fd,
                                      errno);
}

void ClientHangupMonitor::remove(int fd) {
  std::lock_guard<std::mutex> lock(mutex_);
  tokens_.erase(fd);
  ::epoll_ctl(epoll_, EPOLL_CTL_DEL, fd, nullptr);
}

void ClientHangupMonitor::run() {
  epoll_event events[64];
  for (;;) {
    const int n = ::epoll_wait(epoll_, events, 64, -1);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return;
    std::lock_guard<std::mutex> lock(mutex_);
    for (int i = 0; i < n; ++i) {
      if (events[i].data.fd == wake_) return;
      // The entry may be gone already: the turn ended as its client left.
      auto it = tokens_.find(events[i].data.fd);
      if (it != tokens_.end()) it->second->cancel();
    }
  }
}

ClientHangupMonitor::Watch::Watch(ClientHangupMonitor& monitor, int fd,
                                  upstream::CancellationToken& token)
    : monitor_(monitor), fd_(fd) {
  monitor_.add(fd_, token);
}

ClientHangupMonitor::Watch::~Watch() {
  monitor_.remove(fd_);
}

}  // namespace manifold::http
