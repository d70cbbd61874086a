#pragma once

#include <functional>
#include <map>
#include <string>

namespace manifold::test {

struct HttpResult {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names
  std::string body;
  bool ok() const { return status == 200; }
  std::string header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

/// A plain HTTP/1.1 client for talking to a gateway on loopback.
class HttpTestClient {
 public:
  explicit HttpTestClient(uint16_t port) : port_(port) {}

  HttpResult get(const std::string& path,
                 const std::map<std::string, std::string>& headers = {}) const;
  HttpResult del(const std::string& path,
                 const std::map<std::string, std::string>& headers = {}) const;
  HttpResult post(const std::string& path, const std::string& body,
                  const std::map<std::string, std::string>& headers = {}) const;
  /// Any method with a body (PATCH, PUT...).
  HttpResult request(const std::string& method, const std::string& path, const std::string& body,
                     const std::map<std::string, std::string>& headers = {}) const;
  /// POSTs and hands each body chunk to onChunk as it arrives.
  HttpResult postStreaming(const std::string& path, const std::string& body,
                           const std::function<void(const std::string&)>& onChunk,
                           const std::map<std::string, std::string>& headers = {}) const;

 private:
  uint16_t port_;
};

}  // namespace manifold::test
