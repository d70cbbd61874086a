#include "CancelProbe.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <thread>

namespace manifold::bench {
namespace {

using Clock = std::chrono::steady_clock;

int64_t nowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch())
      .count();
}

bool sendAll(int fd, const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    const ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return false;
    sent += static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

const char* failureName(CancelFailure failure) {
  switch (failure) {
    case CancelFailure::None:
      return "none";
    case CancelFailure::NoLedger:
      return "noLedger";
    case CancelFailure::ConnectFailed:
      return "connectFailed";
    case CancelFailure::NotAdmitted:
      return "notAdmitted";
    case CancelFailure::NoContent:
      return "noContent";
    case CancelFailure::Answered:
      return "answered";
    case CancelFailure::NotCancelled:
      return "notCancelled";
  }
  return "unknown";
}

CancelProbe::CancelProbe(const ProbeOptions& options, LedgerClient& ledger)
    : options_(options),
      ledger_(ledger),
      request_("POST " + options.path + " HTTP/1.1\r\nHost: " + options.host +
               "\r\nContent-Type: application/json\r\nAccept: text/event-stream\r\n"
               "Content-Length: " +
               std::to_string(options.body.size()) + "\r\n\r\n" + options.body) {}

CancelResult CancelProbe::runOne() {
  CancelResult result;
  const std::optional<int> before = ledger_.requests();
  if (!before) return {CancelFailure::NoLedger, 0};
  const int number = *before + 1;

  const int fd = connectClient();
  if (fd < 0 || !sendAll(fd, request_)) {
    if (fd >= 0) ::close(fd);
    return {CancelFailure::ConnectFailed, 0};
  }
  ResponseParser parser;
  const bool content = options_.wait == ProbeOptions::Wait::Content;
  if (content && !read(fd, parser, true)) {
    result.failure = parser.state() == ResponseParser::State::Body ? CancelFailure::NoContent
                                                                   : CancelFailure::Answered;
  } else if (!ledger_.waitAdmitted(number, options_.timeoutMs)) {
    result.failure = CancelFailure::NotAdmitted;
  } else {
    std::this_thread::sleep_for(std::chrono::milliseconds(options_.settleMs));
    // Read what arrived (the role delta, say), so the close is a FIN, not an RST.
    if (!read(fd, parser, false)) result.failure = CancelFailure::Answered;
  }
  const int64_t closedNs = nowNs();
  ::close(fd);
  if (result.failure != CancelFailure::None) return result;

  const std::optional<int64_t> seenNs = ledger_.waitAbandoned(number, options_.timeoutMs);
  if (!seenNs) return {CancelFailure::NotCancelled, 0};
  result.latencyNs = *seenNs - closedNs;
  return result;
}

int CancelProbe::connectClient() const {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(options_.port));
  if (::inet_pton(AF_INET, options_.host.c_str(), &address.sin_addr) != 1) return -1;
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

bool CancelProbe::read(int fd, ResponseParser& parser, bool untilContent) const {
  const auto deadline = Clock::now() + std::chrono::milliseconds(options_.timeoutMs);
  char buffer[4096];
  for (;;) {
    if (parser.complete() || parser.state() == ResponseParser::State::Malformed) return false;
    if (parser.headComplete() && parser.status() != 200) return false;
    if (untilContent && parser.sawContent()) return true;
    int waitMs = 0;
    if (untilContent) {
      const auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) return false;
      waitMs = static_cast<int>(left);
    }
    pollfd p{fd, POLLIN, 0};
    const int ready = ::poll(&p, 1, waitMs);
    if (ready < 0 && errno == EINTR) continue;
    if (ready <= 0) return !untilContent;  // nothing more has arrived
    const ssize_t n = ::recv(fd, buffer, sizeof(buffer), MSG_DONTWAIT);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) continue;
    if (n <= 0) return false;  // the server hung up first
    parser.feed(buffer, static_cast<size_t>(n));
  }
}

}  // namespace manifold::bench
