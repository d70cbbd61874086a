#include "webhooks/Timestamps.h"

#include <charconv>

namespace manifold::webhooks {

std::optional<std::string> timestampProblem(std::string_view header, std::string_view timestamp,
                                            int64_t now, int64_t toleranceSeconds) {
  int64_t sent = 0;
  const auto [end, error] =
      std::from_chars(timestamp.data(), timestamp.data() + timestamp.size(), sent);
  if (timestamp.empty() || error != std::errc() || end != timestamp.data() + timestamp.size() ||
      sent < 0)
    return std::string(header) + " is not a Unix time in seconds";
  if (sent < now - toleranceSeconds)
    return std::string(header) + " is too old (" + std::to_string(now - sent) +
           " s ago, tolerance " + std::to_string(toleranceSeconds) + " s)";
  if (sent > now + toleranceSeconds)
    return std::string(header) + " is too far in the future (" + std::to_string(sent - now) +
           " s ahead, tolerance " + std::to_string(toleranceSeconds) + " s)";
  return std::nullopt;
}

bool constantTimeEqual(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i)
    diff |= static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]);
  return diff == 0;
}

}  // namespace manifold::webhooks
