#include "upstream/ProxySettings.h"

#include <Poco/Environment.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>

namespace manifold::upstream {
namespace {

std::string env(const char* upper, const char* lower) {
  if (Poco::Environment::has(upper)) return Poco::Environment::get(upper);
  if (Poco::Environment::has(lower)) return Poco::Environment::get(lower);
  return "";
}

}  // namespace

ProxySettings ProxySettings::fromEnvironment() {
  return ProxySettings(env("HTTPS_PROXY", "https_proxy"), env("HTTP_PROXY", "http_proxy"),
                       env("NO_PROXY", "no_proxy"));
}

ProxySettings::ProxySettings(std::string httpsProxy, std::string httpProxy, std::string noProxy)
    : https_(parse(httpsProxy)), http_(parse(httpProxy)) {
  Poco::StringTokenizer entries(
      noProxy, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  for (const std::string& entry : entries) noProxy_.push_back(Poco::toLower(entry));
}

ProxySettings::Proxy ProxySettings::parse(const std::string& url) {
  Proxy proxy;
  const std::string trimmed = Poco::trim(url);
  if (trimmed.empty()) return proxy;
  try {
    Poco::URI uri(trimmed.find("://") == std::string::npos ? "http://" + trimmed : trimmed);
    proxy.host = uri.getHost();
    proxy.port = uri.getPort() ? uri.getPort() : 80;
  } catch (const Poco::Exception&) {
    proxy = Proxy{};
  }
  return proxy;
}

bool ProxySettings::bypassed(const std::string& host) const {
  const std::string h = Poco::toLower(host);
  for (const std::string& entry : noProxy_) {
    if (entry == "*" || entry == h) return true;
    // ".example.com" and "example.com" both cover subdomains, as curl does.
    const std::string suffix = entry[0] == '.' ? entry : "." + entry;
    if (h.size() > suffix.size() && h.compare(h.size() - suffix.size(), suffix.size(), suffix) == 0)
      return true;
  }
  return false;
}

ProxySettings::Proxy ProxySettings::proxyFor(const std::string& scheme,
                                             const std::string& host) const {
  const Proxy& proxy = scheme == "https" ? https_ : http_;
  if (!proxy || bypassed(host)) return Proxy{};
  return proxy;
}

}  // namespace manifold::upstream
