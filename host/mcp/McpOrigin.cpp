#include "mcp/McpOrigin.h"

#include <Poco/Exception.h>
#include <Poco/String.h>
#include <Poco/URI.h>

namespace manifold::mcp {
namespace {

/// scheme://host[:port], lower case, default ports dropped; "" when unreadable.
std::string normalized(const std::string& origin) {
  try {
    const Poco::URI uri(Poco::trim(origin));
    if (uri.getScheme().empty() || uri.getHost().empty()) return "";
    const std::string scheme = Poco::toLower(uri.getScheme());
    std::string out = scheme + "://" + Poco::toLower(uri.getHost());
    const unsigned port = uri.getPort();
    if (!(scheme == "http" && port == 80) && !(scheme == "https" && port == 443))
      out += ":" + std::to_string(port);
    return out;
  } catch (const Poco::Exception&) {
    return "";
  }
}

}  // namespace

bool originAllowed(const std::string& origin, int localPort, const std::string& publicUrl,
                   const std::vector<std::string>& allowedOrigins) {
  if (origin.empty()) return true;
  const std::string asked = normalized(origin);
  if (asked.empty()) return false;  // "null" (a sandboxed page, a file) and garbage
  for (const std::string& allowed : allowedOrigins)
    if (allowed == "*" || normalized(allowed) == asked) return true;
  if (!publicUrl.empty() && normalized(publicUrl) == asked) return true;
  for (const char* scheme : {"http", "https"})
    for (const char* host : {"localhost", "127.0.0.1", "[::1]"})
      if (normalized(std::string(scheme) + "://" + host + ":" + std::to_string(localPort)) == asked)
        return true;
  return false;
}

}  // namespace manifold::mcp
