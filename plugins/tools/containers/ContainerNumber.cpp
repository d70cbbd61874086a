#include "ContainerNumber.h"

#include <manifold/plugin.hpp>

#include <cctype>

namespace containers {
namespace {

bool isLetter(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0;
}
bool isDigit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}
bool isCategory(char c) {
  c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return c == 'U' || c == 'J' || c == 'Z';
}
bool isSeparator(char c) {
  return c == ' ' || c == '-';
}

// A=10, B=12, ... Z=38: consecutive values that skip 11, 22 and 33.
int letterValue(char letter) {
  int value = 10;
  for (char c = 'A'; c < letter; ++c) {
    ++value;
    if (value % 11 == 0) ++value;
  }
  return value;
}

[[noreturn]] void invalid(const std::string& message) {
  throw manifold::Error(MF_ERR_INVALID, message);
}

std::string compact(std::string_view input) {
  std::string out;
  for (char c : input)
    if (!isSeparator(c)) out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return out;
}

bool allOf(std::string_view s, bool (*pred)(char)) {
  for (char c : s)
    if (!pred(c)) return false;
  return true;
}

// Upper-case text that starts with 3 letters, U, J or Z, and 6 digits.
bool hasOwnerCategoryAndSerial(std::string_view s) {
  return s.size() >= 10 && allOf(s.substr(0, 3), isLetter) && isCategory(s[3]) &&
         allOf(s.substr(4, 6), isDigit);
}

// Skips at most one separator at `i`; returns the new position.
size_t skipSeparator(std::string_view text, size_t i) {
  return i < text.size() && isSeparator(text[i]) ? i + 1 : i;
}

// Counts the digits from `i`, at most `limit`.
size_t digitsAt(std::string_view text, size_t i, size_t limit) {
  size_t n = 0;
  while (n < limit && i + n < text.size() && isDigit(text[i + n])) ++n;
  return n;
}

bool wordEndsAt(std::string_view text, size_t i) {
  return i >= text.size() || !std::isalnum(static_cast<unsigned char>(text[i]));
}

// The length of a container number written at `start` (its check digit may be
// missing, which parse() then points out), or 0.
size_t numberAt(std::string_view text, size_t start) {
  if (start > 0 && !wordEndsAt(text, start - 1)) return 0;
  if (start + 4 > text.size() || !allOf(text.substr(start, 3), isLetter) ||
      !isCategory(text[start + 3]))
    return 0;
  size_t i = skipSeparator(text, start + 4);
  if (digitsAt(text, i, 6) != 6) return 0;
  const size_t serialEnd = i + 6;
  i = skipSeparator(text, serialEnd);
  if (digitsAt(text, i, 1) == 1 && wordEndsAt(text, i + 1)) return i + 1 - start;
  return wordEndsAt(text, serialEnd) ? serialEnd - start : 0;
}

}  // namespace

std::string ContainerNumber::text() const {
  return ownerCode + category + serial + std::to_string(checkDigit);
}

std::string ContainerNumber::categoryName() const {
  switch (category) {
    case 'J':
      return "detachable freight container-related equipment";
    case 'Z':
      return "trailer or chassis";
    default:
      return "freight container";
  }
}

int ContainerNumber::checkDigitOf(std::string_view firstTen) {
  long sum = 0;
  for (size_t i = 0; i < firstTen.size(); ++i) {
    const char c = firstTen[i];
    const int value = isLetter(c) ? letterValue(static_cast<char>(std::toupper(c))) : c - '0';
    sum += static_cast<long>(value) << i;
  }
  return static_cast<int>(sum % 11 % 10);
}

ContainerNumber ContainerNumber::parse(std::string_view input) {
  const std::string s = compact(input);
  const std::string quoted = "'" + std::string(input) + "'";
  if (s.size() == 10 && hasOwnerCategoryAndSerial(s))
    invalid(quoted + " has no check digit; with it the number is " + s +
            std::to_string(checkDigitOf(s)));
  if (s.size() != 11)
    invalid(quoted +
            " is not a container number: ISO 6346 has 11 characters, a 3-letter owner code, a "
            "category letter (U, J or Z), a 6-digit serial and a check digit, e.g. CSQU3054383");
  if (!allOf(std::string_view(s).substr(0, 3), isLetter))
    invalid(quoted + ": the owner code '" + s.substr(0, 3) + "' must be 3 letters");
  if (!isCategory(s[3]))
    invalid(quoted + ": the category letter is '" + std::string(1, s[3]) +
            "'; ISO 6346 has U (freight container), J (detachable equipment) and Z (trailer or "
            "chassis)");
  if (!allOf(std::string_view(s).substr(4, 6), isDigit))
    invalid(quoted + ": the serial '" + s.substr(4, 6) + "' must be 6 digits");
  if (!isDigit(s[10])) invalid(quoted + ": the check digit '" + s.substr(10) + "' must be a digit");

  ContainerNumber number;
  number.ownerCode = s.substr(0, 3);
  number.category = s[3];
  number.serial = s.substr(4, 6);
  number.checkDigit = checkDigitOf(std::string_view(s).substr(0, 10));
  if (number.checkDigit != s[10] - '0')
    invalid(s + ": check digit should be " + std::to_string(number.checkDigit) + ", not " +
            s.substr(10));
  return number;
}

std::optional<std::string> ContainerNumber::findIn(std::string_view text) {
  for (size_t i = 0; i < text.size(); ++i)
    if (const size_t n = numberAt(text, i)) return std::string(text.substr(i, n));
  return std::nullopt;
}

}  // namespace containers
