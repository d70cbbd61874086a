#include "support/ConnectProxy.h"

#include <poll.h>
#include <sys/socket.h>

#include <sstream>

#include <Poco/Exception.h>
#include <Poco/String.h>
#include <Poco/URI.h>

namespace manifold::test {
namespace {

constexpr size_t kMaxHead = 64 * 1024;
const Poco::Timespan kPollSlice(0, 20'000);

void shutdownQuietly(const Poco::Net::StreamSocket& socket) {
  const int fd = socket.impl()->sockfd();
  if (fd >= 0) ::shutdown(fd, SHUT_RDWR);
}

bool sendAll(Poco::Net::StreamSocket& socket, const char* data, size_t size) {
  try {
    while (size > 0) {
      const int sent = socket.sendBytes(data, static_cast<int>(size));
      if (sent <= 0) return false;
      data += sent;
      size -= static_cast<size_t>(sent);
    }
    return true;
  } catch (const Poco::Exception&) {
    return false;
  }
}

bool sendAll(Poco::Net::StreamSocket& socket, const std::string& bytes) {
  return sendAll(socket, bytes.data(), bytes.size());
}

void answer(Poco::Net::StreamSocket& client, const std::string& status) {
  sendAll(client, "HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
}

/// Copies bytes both ways until either side closes, fails, or `stopping`.
void relay(Poco::Net::StreamSocket& a, Poco::Net::StreamSocket& b,
           const std::atomic<bool>& stopping) {
  pollfd fds[2] = {{a.impl()->sockfd(), POLLIN, 0}, {b.impl()->sockfd(), POLLIN, 0}};
  Poco::Net::StreamSocket* sockets[2] = {&a, &b};
  char buffer[16 * 1024];
  while (!stopping) {
    if (::poll(fds, 2, 20) < 0) return;
    for (int i = 0; i < 2; ++i) {
      if (fds[i].revents == 0) continue;
      int n = 0;
      try {
        n = sockets[i]->receiveBytes(buffer, sizeof(buffer));
      } catch (const Poco::Exception&) {
        return;
      }
      if (n <= 0 || !sendAll(*sockets[1 - i], buffer, static_cast<size_t>(n))) return;
    }
  }
}

/// The head with the request line in origin form and "Connection: close".
std::string originFormHead(const std::string& head, const std::string& method, const Poco::URI& uri,
                           const std::string& version) {
  std::istringstream lines(head);
  std::string line;
  std::getline(lines, line);  // the request line, replaced
  std::string out = method + " " + uri.getPathEtc() + " " + version + "\r\n";
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty()) break;
    const std::string name = Poco::toLower(line.substr(0, line.find(':')));
    if (name == "connection" || name == "proxy-connection") continue;
    out += line + "\r\n";
  }
  return out + "Connection: close\r\n\r\n";
}

}  // namespace

ConnectProxy::ConnectProxy()
    : listener_(Poco::Net::SocketAddress("127.0.0.1", 0)), acceptor_([this] { acceptLoop(); }) {}

ConnectProxy::~ConnectProxy() {
  stopping_ = true;
  acceptor_.join();
  std::list<std::unique_ptr<Link>> links;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    links.swap(links_);
  }
  for (auto& link : links) {
    std::lock_guard<std::mutex> lock(link->mutex);
    shutdownQuietly(link->client);
    shutdownQuietly(link->target);
  }
  for (auto& link : links) link->thread.join();
}

uint16_t ConnectProxy::port() const {
  return listener_.address().port();
}

std::string ConnectProxy::url() const {
  return "http://127.0.0.1:" + std::to_string(port());
}

int ConnectProxy::tunnels() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return tunnels_;
}

std::vector<std::string> ConnectProxy::targets() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return targets_;
}

void ConnectProxy::acceptLoop() {
  while (!stopping_) {
    reapFinished();
    try {
      if (!listener_.poll(kPollSlice, Poco::Net::Socket::SELECT_READ)) continue;
      auto link = std::make_unique<Link>();
      link->client = listener_.acceptConnection();
      Link* raw = link.get();
      std::lock_guard<std::mutex> lock(mutex_);
      links_.push_back(std::move(link));
      raw->thread = std::thread([this, raw] {
        serve(*raw);
        std::lock_guard<std::mutex> lock(raw->mutex);
        shutdownQuietly(raw->client);
        shutdownQuietly(raw->target);
        raw->done = true;
      });
    } catch (const Poco::Exception&) {
      // A client that vanished between poll and accept; keep serving.
    }
  }
}

void ConnectProxy::serve(Link& link) {
  std::string head;
  char buffer[4096];
  size_t end = std::string::npos;
  while ((end = head.find("\r\n\r\n")) == std::string::npos) {
    if (head.size() > kMaxHead || !waitReadable(link.client)) return;
    int n = 0;
    try {
      n = link.client.receiveBytes(buffer, sizeof(buffer));
    } catch (const Poco::Exception&) {
      return;
    }
    if (n <= 0) return;
    head.append(buffer, static_cast<size_t>(n));
  }
  const std::string early = head.substr(end + 4);  // bytes sent after the head
  head.resize(end + 4);

  std::istringstream requestLine(head.substr(0, head.find("\r\n")));
  std::string method, target, version;
  requestLine >> method >> target >> version;
  if (method == "CONNECT") {
    if (!connectTarget(link, target)) return answer(link.client, "502 Bad Gateway");
    {
      std::lock_guard<std::mutex> lock(mutex_);
      ++tunnels_;
    }
    if (!sendAll(link.client, "HTTP/1.1 200 Connection established\r\n\r\n")) return;
  } else if (Poco::icompare(target.substr(0, 7), "http://") == 0) {
    Poco::URI uri;
    try {
      uri = Poco::URI(target);
    } catch (const Poco::Exception&) {
      return answer(link.client, "400 Bad Request");
    }
    const std::string authority = uri.getHost() + ":" + std::to_string(uri.getPort());
    if (!connectTarget(link, authority)) return answer(link.client, "502 Bad Gateway");
    if (!sendAll(link.target, originFormHead(head, method, uri, version))) return;
  } else {
    return answer(link.client, "400 Bad Request");
  }
  if (!early.empty() && !sendAll(link.target, early)) return;
  relay(link.client, link.target, stopping_);
}

bool ConnectProxy::connectTarget(Link& link, const std::string& authority) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    targets_.push_back(authority);
  }
  Poco::Net::StreamSocket target;
  try {
    target.connect(Poco::Net::SocketAddress(authority), Poco::Timespan(5, 0));
  } catch (const Poco::Exception&) {
    return false;
  }
  std::lock_guard<std::mutex> lock(link.mutex);
  link.target = target;
  return !stopping_;
}

bool ConnectProxy::waitReadable(const Poco::Net::StreamSocket& socket) const {
  while (!stopping_) {
    try {
      if (socket.poll(kPollSlice, Poco::Net::Socket::SELECT_READ)) return true;
    } catch (const Poco::Exception&) {
      return false;
    }
  }
  return false;
}

void ConnectProxy::reapFinished() {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto it = links_.begin(); it != links_.end();) {
    if ((*it)->done) {
      (*it)->thread.join();
      it = links_.erase(it);
    } else {
      ++it;
    }
  }
}

}  // namespace manifold::test
