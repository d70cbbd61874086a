#include "LedgerClient.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cstdlib>
#include <cstring>

namespace manifold::bench {
namespace {

/// The integer after `"name":` in a flat JSON object; nothing when absent or null.
std::optional<int64_t> field(const std::string& json, const std::string& name) {
  const std::string key = "\"" + name + "\":";
  const size_t at = json.find(key);
  if (at == std::string::npos) return std::nullopt;
  const char* start = json.c_str() + at + key.size();
  char* end = nullptr;
  const long long value = std::strtoll(start, &end, 10);
  if (end == start) return std::nullopt;
  return static_cast<int64_t>(value);
}

}  // namespace

LedgerClient::LedgerClient(std::string host, int port, std::string route)
    : host_(std::move(host)), port_(port), route_(std::move(route)) {}

LedgerClient::~LedgerClient() {
  disconnect();
}

std::optional<int> LedgerClient::requests() {
  std::string body;
  if (get("/_ledger/" + route_, body) != 200) return std::nullopt;
  const auto n = field(body, "requests");
  if (!n) return std::nullopt;
  return static_cast<int>(*n);
}

bool LedgerClient::waitAdmitted(int n, int waitMs) {
  std::string body;
  return get("/_ledger/" + route_ + "/requests/" + std::to_string(n) +
                 "?wait_ms=" + std::to_string(waitMs),
             body) == 200;
}

std::optional<int64_t> LedgerClient::waitAbandoned(int n, int waitMs) {
  std::string body;
  if (get("/_ledger/" + route_ + "/abandoned/" + std::to_string(n) +
              "?wait_ms=" + std::to_string(waitMs),
          body) != 200) {
    return std::nullopt;
  }
  return field(body, "abandonedNs");
}

int LedgerClient::get(const std::string& target, std::string& body) {
  const std::string request =
      "GET " + target + " HTTP/1.1\r\nHost: " + host_ + "\r\nContent-Length: 0\r\n\r\n";
  // A kept-alive connection the fake has since closed fails once; retry on a new one.
  for (int attempt = 0; attempt < 2; ++attempt) {
    int status = 0;
    if ((fd_ >= 0 || connectFake()) && exchange(request, status, body)) return status;
    disconnect();
  }
  return 0;
}

bool LedgerClient::exchange(const std::string& request, int& status, std::string& body) {
  if (::send(fd_, request.data(), request.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(request.size())) {
    return false;
  }
  std::string data;
  size_t headEnd = std::string::npos;
  int64_t length = -1;
  char buffer[4096];
  for (;;) {
    if (headEnd == std::string::npos && (headEnd = data.find("\r\n\r\n")) != std::string::npos) {
      if (data.compare(0, 5, "HTTP/") != 0 || data.size() < 12) return false;
      status = std::atoi(data.c_str() + 9);
      std::string head = data.substr(0, headEnd);
      for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      const size_t at = head.find("\r\ncontent-length:");
      if (at == std::string::npos) return false;  // the fake always sends one
      length = std::atoll(head.c_str() + at + 17);
      headEnd += 4;
    }
    if (headEnd != std::string::npos && data.size() >= headEnd + static_cast<size_t>(length)) {
      body = data.substr(headEnd, static_cast<size_t>(length));
      return true;
    }
    const ssize_t n = ::recv(fd_, buffer, sizeof(buffer), 0);
    if (n <= 0) return false;
    data.append(buffer, static_cast<size_t>(n));
  }
}

bool LedgerClient::connectFake() {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port_));
  if (::inet_pton(AF_INET, host_.c_str(), &address.sin_addr) != 1) return false;
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) return false;
  const int one = 1;
  ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  if (::connect(fd_, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    disconnect();
    return false;
  }
  return true;
}

void LedgerClient::disconnect() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

}  // namespace manifold::bench
