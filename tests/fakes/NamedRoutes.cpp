#include "NamedRoutes.h"

#include <cctype>
#include <charconv>
#include <fstream>
#include <sstream>

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

// Only plain names: a route can never reach outside the fixtures folder.
bool safeName(const std::string& s) {
  if (s.empty() || s.find("..") != std::string::npos) return false;
  for (char c : s)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-')
      return false;
  return true;
}

std::optional<FakeBehaviour> rawFixture(const std::string& spec, const std::string& fixturesDir) {
  const size_t dot = spec.find('.');
  if (fixturesDir.empty() || dot == std::string::npos) return std::nullopt;
  const std::string provider = spec.substr(0, dot), file = spec.substr(dot + 1);
  if (!safeName(provider) || !safeName(file)) return std::nullopt;
  std::ifstream in(fixturesDir + "/" + provider + "/" + file, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream bytes;
  bytes << in.rdbuf();
  FakeBehaviour behaviour;
  behaviour.rawBody = bytes.str();
  if (behaviour.rawBody.empty()) return std::nullopt;
  if (file.size() > 5 && file.compare(file.size() - 5, 5, ".json") == 0)
    behaviour.rawContentType = "application/json";
  return behaviour;
}

}  // namespace

std::optional<FakeBehaviour> namedRoute(const std::string& name, const std::string& fixturesDir) {
  if (name == "tools") {
    FakeBehaviour behaviour;
    behaviour.toolCallName = "get_weather";
    behaviour.tokens = {"{\"city\":", "\"Paris\"}"};
    return behaviour;
  }
  if (startsWith(name, "cut-")) {
    const auto after = number(name.substr(4));
    if (!after) return std::nullopt;
    FakeBehaviour behaviour;
    behaviour.tokens = {"one ", "two ", "three ", "four ", "five"};
    behaviour.cutAfterTokens = *after;
    return behaviour;
  }
  if (startsWith(name, "raw.")) return rawFixture(name.substr(4), fixturesDir);
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
