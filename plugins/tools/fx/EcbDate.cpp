#include "EcbDate.h"

#include <manifold/plugin.hpp>

#include <cstdio>

namespace fx {
namespace {

bool isLeap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int daysIn(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeap(year) ? 29 : kDays[month - 1];
}

[[noreturn]] void invalid(const std::string& message) {
  throw manifold::Error(MF_ERR_INVALID, message);
}

}  // namespace

void checkRateDate(const std::string& date, const std::string& today) {
  const auto digit = [&](size_t i) { return date[i] >= '0' && date[i] <= '9'; };
  bool shaped = date.size() == 10 && date[4] == '-' && date[7] == '-';
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) shaped = shaped && digit(i);
  if (!shaped) invalid("date '" + date + "' is not a date of the form YYYY-MM-DD");
  const int year = std::stoi(date.substr(0, 4));
  const int month = std::stoi(date.substr(5, 2));
  const int day = std::stoi(date.substr(8, 2));
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month))
    invalid("date '" + date + "' is not a calendar day");
  if (date < kFirstEcbDate)
    invalid("date " + date + " is before " + kFirstEcbDate + ", the first ECB reference rate");
  if (date > today)
    invalid("date " + date + " is in the future (today is " + today + " UTC); leave the date " +
            "out for the latest rate");
}

std::string utcDate(int64_t unixMs) {
  // Howard Hinnant's civil_from_days.
  int64_t days = unixMs / 86400000;
  if (unixMs < 0 && unixMs % 86400000 != 0) --days;
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t dayOfEra = days - era * 146097;
  const int64_t yearOfEra =
      (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146096) / 365;
  const int64_t dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100);
  const int64_t mp = (5 * dayOfYear + 2) / 153;
  const int64_t day = dayOfYear - (153 * mp + 2) / 5 + 1;
  const int64_t month = mp < 10 ? mp + 3 : mp - 9;
  const int64_t year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0);
  char out[32];
  std::snprintf(out, sizeof out, "%04d-%02d-%02d", static_cast<int>(year), static_cast<int>(month),
                static_cast<int>(day));
  return out;
}

}  // namespace fx
