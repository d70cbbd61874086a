#pragma once

#include <string>
#include <vector>

namespace manifold::upstream {

/// The forward proxy to use for a destination, from the conventional
/// environment variables: HTTPS_PROXY for https, HTTP_PROXY for http (either
/// case), and NO_PROXY's exceptions (host names, ".domain" suffixes, "*").
class ProxySettings {
 public:
  struct Proxy {
    std::string host;
    unsigned short port = 0;
    explicit operator bool() const { return !host.empty(); }
  };

  static ProxySettings fromEnvironment();
  ProxySettings(std::string httpsProxy, std::string httpProxy, std::string noProxy);

  Proxy proxyFor(const std::string& scheme, const std::string& host) const;

 private:
  static Proxy parse(const std::string& url);
  bool bypassed(const std::string& host) const;

  Proxy https_;
  Proxy http_;
  std::vector<std::string> noProxy_;
};

}  // namespace manifold::upstream
