#include "http/ConnectionGuard.h"

namespace manifold::http {
namespace {

thread_local ConnectionGuard* currentGuard = nullptr;

}  // namespace

ConnectionGuard::ConnectionGuard(ConnectionDeadlines& deadlines, int fd, std::string peer,
                                 std::chrono::milliseconds headerTimeout,
                                 std::chrono::milliseconds keepAlive)
    : deadlines_(deadlines),
      id_(deadlines.add(fd, std::move(peer))),
      headerTimeout_(headerTimeout),
      keepAlive_(keepAlive),
      previous_(currentGuard) {
  currentGuard = this;
  deadlines_.arm(id_, ConnectionDeadlines::Clock::now() + headerTimeout_,
                 "request head not complete in time");
}

ConnectionGuard::~ConnectionGuard() {
  deadlines_.remove(id_);
  currentGuard = previous_;
}

ConnectionGuard* ConnectionGuard::current() {
  return currentGuard;
}

void ConnectionGuard::headReceived() {
  deadlines_.disarm(id_);
}

void ConnectionGuard::expectBody(std::chrono::milliseconds limit) {
  deadlines_.arm(id_, ConnectionDeadlines::Clock::now() + limit,
                 "request body not complete in time");
}

void ConnectionGuard::bodyReceived() {
  deadlines_.disarm(id_);
}

void ConnectionGuard::awaitNextRequest() {
  deadlines_.arm(id_, ConnectionDeadlines::Clock::now() + keepAlive_ + headerTimeout_,
                 "request head not complete in time");
}

bool ConnectionGuard::expired() const {
  return deadlines_.expired(id_);
}

}  // namespace manifold::http
