#include "NamedRoutes.h"

#include <charconv>

namespace manifold::test {
namespace {

constexpr int kMaxNumber = 10'000'000;

/// Parses all of `text` as a number in [0, kMaxNumber].
std::optional<int> number(const std::string& text) {
  int value = 0;
  const char* end = text.data() + text.size();
  const auto [stop, error] = std::from_chars(text.data(), end, value);
  if (text.empty() || error != std::errc() || stop != end || value < 0 || value > kMaxNumber) {
    return std::nullopt;
  }
  return value;
}

bool startsWith(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

std::optional<FakeBehaviour> stream(const std::string& spec) {
  const size_t x = spec.find('x');
  if (x == std::string::npos) return std::nullopt;
  const auto count = number(spec.substr(0, x));
  const auto delay = number(spec.substr(x + 1));
  if (!count || !delay) return std::nullopt;
  FakeBehaviour behaviour;
  behaviour.tokens.clear();
  for (int i = 0; i < *count; ++i) behaviour.tokens.push_back("tok" + std::to_string(i) + " ");
  behaviour.tokenDelayMs = *delay;
  return behaviour;
}

}  // namespace

std::optional<FakeBehaviour> namedRoute(const std::string& name) {
  if (name == "ok") return FakeBehaviour{};
  if (name == "fail503") {
    FakeBehaviour behaviour;
    behaviour.status = 503;
    return behaviour;
  }
  if (startsWith(name, "stream-")) return stream(name.substr(7));
  if (startsWith(name, "slowfirst-")) {
    const auto delay = number(name.substr(10));
    if (!delay) return std::nullopt;
    FakeBehaviour behaviour;
    behaviour.firstTokenDelayMs = *delay;
    return behaviour;
  }
  return std::nullopt;
}

}  // namespace manifold::test
