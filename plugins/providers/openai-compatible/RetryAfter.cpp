#include "RetryAfter.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "Text.h"

namespace openai_compatible {
namespace {

constexpr double kMaxDelayMs = 7.0 * 24 * 3600 * 1000;

// A non-negative decimal number, e.g. "2" or "1500.5".
std::optional<double> parseNumber(std::string_view text) {
  text = trim(text);
  double value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || result.ec != std::errc() || result.ptr != text.data() + text.size() ||
      !std::isfinite(value) || value < 0)
    return std::nullopt;
  return value;
}

int64_t clampedMs(double ms) {
  return static_cast<int64_t>(std::ceil(std::min(ms, kMaxDelayMs)));
}

// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// "HH:MM:SS"
bool parseClock(std::string_view token, int& hour, int& minute, int& second) {
  if (token.size() != 8 || token[2] != ':' || token[5] != ':') return false;
  int* fields[] = {&hour, &minute, &second};
  for (int f = 0; f < 3; ++f) {
    const char hi = token[f * 3], lo = token[f * 3 + 1];
    if (!std::isdigit(static_cast<unsigned char>(hi)) ||
        !std::isdigit(static_cast<unsigned char>(lo)))
      return false;
    *fields[f] = (hi - '0') * 10 + (lo - '0');
  }
  return true;
}

}  // namespace

// The three formats differ in order and separators, so read tokens by kind:
// the month name, the clock, and two numbers (day, then year).
std::optional<int64_t> parseHttpDate(std::string_view text) {
  static constexpr std::string_view kMonths = "janfebmaraprmayjunjulaugsepoctnovdec";
  int month = 0, hour = -1, minute = -1, second = -1;
  std::vector<std::string_view> numbers;
  for (size_t i = 0; i < text.size();) {
    const size_t start = i;
    while (i < text.size() && text[i] != ' ' && text[i] != ',' && text[i] != '-') ++i;
    const std::string_view token = text.substr(start, i - start);
    ++i;
    if (token.empty()) continue;
    if (token.find(':') != std::string_view::npos) {
      if (!parseClock(token, hour, minute, second)) return std::nullopt;
    } else if (std::isdigit(static_cast<unsigned char>(token[0]))) {
      numbers.push_back(token);
    } else if (token.size() == 3 && month == 0) {
      const size_t at = kMonths.find(lower(token));
      if (at != std::string_view::npos && at % 3 == 0) month = static_cast<int>(at / 3) + 1;
    }
  }
  if (month == 0 || hour < 0 || numbers.size() != 2) return std::nullopt;
  const std::optional<double> day = parseNumber(numbers[0]), year = parseNumber(numbers[1]);
  if (!day || !year || *day < 1 || *day > 31 || *year > 9999 || hour > 23 || minute > 59 ||
      second > 60)
    return std::nullopt;
  int64_t y = static_cast<int64_t>(*year);
  if (numbers[1].size() == 2) y += y < 70 ? 2000 : 1900;  // RFC 850's two-digit years
  const int64_t days = daysFromCivil(y, static_cast<unsigned>(month), static_cast<unsigned>(*day));
  return ((days * 24 + hour) * 60 + minute) * 60000 + int64_t(second) * 1000;
}

int64_t retryAfterMs(const std::vector<manifold::HeaderView>& headers, int64_t nowUnixMs) {
  for (const manifold::HeaderView& h : headers)
    if (equalsIgnoringCase(h.name, "retry-after-ms"))
      if (const std::optional<double> ms = parseNumber(h.value)) return clampedMs(*ms);
  for (const manifold::HeaderView& h : headers) {
    if (!equalsIgnoringCase(h.name, "retry-after")) continue;
    if (const std::optional<double> seconds = parseNumber(h.value))
      return clampedMs(*seconds * 1000);
    if (const std::optional<int64_t> at = parseHttpDate(trim(h.value)))
      return clampedMs(static_cast<double>(std::max<int64_t>(0, *at - nowUnixMs)));
  }
  return -1;
}

}  // namespace openai_compatible
