// Small text helpers shared by this plugin's translators.
#pragma once

#include <manifold/json.hpp>

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>

namespace openai_compatible {

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

/// A string or an integer as text: providers send error "code" as either.
inline std::string codeText(const manifold::json::Value& v) {
  if (v.isString()) return v.asString();
  if (v.isNumber()) return std::to_string(v.asInt());
  return {};
}

}  // namespace openai_compatible
