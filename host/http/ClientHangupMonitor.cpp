#include "http/ClientHangupMonitor.h"

#include <Poco/Logger.h>
#include <errno.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <cstdint>
#include <stdexcept>

namespace manifold::http {
namespace {

// An event's data: the watch's serial in the high half, its socket in the low.
constexpr uint64_t kWakeEvent = UINT64_MAX;

uint64_t eventData(uint32_t serial, int fd) {
  return (static_cast<uint64_t>(serial) << 32) | static_cast<uint32_t>(fd);
}

}  // namespace

ClientHangupMonitor::ClientHangupMonitor()
    : epoll_(::epoll_create1(EPOLL_CLOEXEC)), wake_(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {
  if (epoll_ < 0 || wake_ < 0) throw std::runtime_error("cannot create the hang-up monitor");
  epoll_event e{};
  e.events = EPOLLIN;
  e.data.u64 = kWakeEvent;
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
  const uint32_t serial = nextSerial_++;
  if (nextSerial_ == 0) nextSerial_ = 1;
  watched_[fd] = Registration{serial, &token};
  epoll_event e{};
  // One-shot: a closed peer stays readable, and one trip is all it takes.
  e.events = EPOLLRDHUP | EPOLLONESHOT;
  e.data.u64 = eventData(serial, fd);
  if (::epoll_ctl(epoll_, EPOLL_CTL_ADD, fd, &e) != 0)
    Poco::Logger::get("http").warning("cannot watch client socket %d for hang-ups (errno %d)", fd,
                                      errno);
}

void ClientHangupMonitor::remove(int fd) {
  std::lock_guard<std::mutex> lock(mutex_);
  watched_.erase(fd);
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
      const uint64_t data = events[i].data.u64;
      if (data == kWakeEvent) return;
      // The watch may be gone already (the turn ended as its client left),
      // and its socket's number may be another connection's by now.
      const auto it = watched_.find(static_cast<int>(data & 0xffffffffu));
      if (it != watched_.end() && it->second.serial == static_cast<uint32_t>(data >> 32))
        it->second.token->cancel();
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
