#include "usage/DayRange.h"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormat.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Timestamp.h>

#include <cctype>

namespace manifold::usage {
namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

// Midnight UTC of a YYYY-MM-DD date, in ms since the epoch.
std::optional<int64_t> midnightOf(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return std::nullopt;
  const int year = std::stoi(text.substr(0, 4)), month = std::stoi(text.substr(5, 2)),
            day = std::stoi(text.substr(8, 2));
  if (year < 1970 || !Poco::DateTime::isValid(year, month, day)) return std::nullopt;
  return Poco::DateTime(year, month, day).timestamp().epochMicroseconds() / 1000;
}

std::string dateOf(int64_t ms) {
  return Poco::DateTimeFormatter::format(Poco::Timestamp(ms * 1000), "%Y-%m-%d");
}

}  // namespace

std::optional<DayRange> DayRange::parse(const std::string& from, const std::string& to,
                                        int64_t nowMs, std::string& problem, std::string& param) {
  DayRange range;
  std::optional<int64_t> last = to.empty() ? midnightOf(dateOf(nowMs)) : midnightOf(to);
  if (!last) {
    param = "to";
    problem = "to must be a date, YYYY-MM-DD";
    return std::nullopt;
  }
  std::optional<int64_t> first =
      from.empty() ? std::optional<int64_t>(*last - (kDefaultDays - 1) * kDayMs) : midnightOf(from);
  if (!first) {
    param = "from";
    problem = "from must be a date, YYYY-MM-DD";
    return std::nullopt;
  }
  if (*first > *last) {
    param = "from";
    problem = "from is after to";
    return std::nullopt;
  }
  if ((*last - *first) / kDayMs + 1 > kMaxDays) {
    param = "from";
    problem = "at most " + std::to_string(kMaxDays) + " days at once";
    return std::nullopt;
  }
  range.fromMs = *first;
  range.toMs = *last + kDayMs;
  range.from = dateOf(*first);
  range.to = dateOf(*last);
  return range;
}

}  // namespace manifold::usage
