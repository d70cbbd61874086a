// Manifold plugin SDK: small helpers every provider adapter needs: text
// handling for provider error bodies and the delay an upstream asks for
// (Retry-After). Header-only, standard library only.
#ifndef MANIFOLD_ADAPTER_HPP
#define MANIFOLD_ADAPTER_HPP

#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace manifold::adapter {

inline std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

inline bool equalsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

inline std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

inline bool containsAny(std::string_view haystack,
                        std::initializer_list<std::string_view> needles) {
  return std::any_of(needles.begin(), needles.end(), [&](std::string_view needle) {
    return haystack.find(needle) != std::string_view::npos;
  });
}

/// A string or an integer as text: providers send error "code" as either.
inline std::string codeText(const json::Value& v) {
  if (v.isString()) return v.asString();
  if (v.isNumber()) return std::to_string(v.asInt());
  return {};
}

/// One line of text for a log or an error message: control characters become
/// spaces, and a long message is cut at `maxBytes` without splitting a UTF-8
/// sequence.
inline std::string printable(std::string_view text, size_t maxBytes = 400) {
  std::string out(text);
  if (text.size() > maxBytes) {
    size_t cut = maxBytes;  // back off to the start of a UTF-8 sequence
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    out = std::string(text.substr(0, cut)) + "...";
  }
  for (char& c : out)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) c = ' ';
  return out;
}

/// The value of the first header named `name` (case-insensitive), if any.
inline std::optional<std::string_view> headerValue(const std::vector<HeaderView>& headers,
                                                   std::string_view name) {
  for (const HeaderView& h : headers)
    if (equalsIgnoringCase(h.name, name)) return h.value;
  return std::nullopt;
}

namespace detail {

inline constexpr double kMaxDelayMs = 7.0 * 24 * 3600 * 1000;

// A non-negative decimal number, e.g. "2" or "1500.5".
inline std::optional<double> parseNumber(std::string_view text) {
  text = trim(text);
  double value = 0;
  const auto result = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || result.ec != std::errc() || result.ptr != text.data() + text.size() ||
      !std::isfinite(value) || value < 0)
    return std::nullopt;
  return value;
}

inline int64_t clampedMs(double ms) {
  return static_cast<int64_t>(std::ceil(std::min(ms, kMaxDelayMs)));
}

// Days since 1970-01-01 of a civil date (H. Hinnant's algorithm).
inline int64_t daysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

// "HH:MM:SS"
inline bool parseClock(std::string_view token, int& hour, int& minute, int& second) {
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

}  // namespace detail

/// An HTTP-date (IMF-fixdate, RFC 850 or asctime) as ms since the Unix epoch.
// The three formats differ in order and separators, so read tokens by kind:
// the month name, the clock, and two numbers (day, then year).
inline std::optional<int64_t> parseHttpDate(std::string_view text) {
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
      if (!detail::parseClock(token, hour, minute, second)) return std::nullopt;
    } else if (std::isdigit(static_cast<unsigned char>(token[0]))) {
      numbers.push_back(token);
    } else if (token.size() == 3 && month == 0) {
      const size_t at = kMonths.find(lower(token));
      if (at != std::string_view::npos && at % 3 == 0) month = static_cast<int>(at / 3) + 1;
    }
  }
  if (month == 0 || hour < 0 || numbers.size() != 2) return std::nullopt;
  const std::optional<double> day = detail::parseNumber(numbers[0]),
                              year = detail::parseNumber(numbers[1]);
  if (!day || !year || *day < 1 || *day > 31 || *year > 9999 || hour > 23 || minute > 59 ||
      second > 60)
    return std::nullopt;
  int64_t y = static_cast<int64_t>(*year);
  if (numbers[1].size() == 2) y += y < 70 ? 2000 : 1900;  // RFC 850's two-digit years
  const int64_t days =
      detail::daysFromCivil(y, static_cast<unsigned>(month), static_cast<unsigned>(*day));
  return ((days * 24 + hour) * 60 + minute) * 60000 + int64_t(second) * 1000;
}

/// The delay a response asks for, in ms: `retry-after-ms` (milliseconds, may
/// be fractional), else `retry-after` (seconds, or an HTTP-date taken
/// relative to `nowUnixMs`). Header names are case-insensitive. -1 when
/// neither is present and readable; at most a week.
inline int64_t retryAfterMs(const std::vector<HeaderView>& headers, int64_t nowUnixMs) {
  for (const HeaderView& h : headers)
    if (equalsIgnoringCase(h.name, "retry-after-ms"))
      if (const std::optional<double> ms = detail::parseNumber(h.value))
        return detail::clampedMs(*ms);
  for (const HeaderView& h : headers) {
    if (!equalsIgnoringCase(h.name, "retry-after")) continue;
    if (const std::optional<double> seconds = detail::parseNumber(h.value))
      return detail::clampedMs(*seconds * 1000);
    if (const std::optional<int64_t> at = parseHttpDate(trim(h.value)))
      return detail::clampedMs(static_cast<double>(std::max<int64_t>(0, *at - nowUnixMs)));
  }
  return -1;
}

}  // namespace manifold::adapter

#endif  // MANIFOLD_ADAPTER_HPP
