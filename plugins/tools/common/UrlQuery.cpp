#include "common/UrlQuery.h"

namespace toolcommon {

std::string urlEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool unreserved = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.' || c == '~';
    if (unreserved) {
      out += ch;
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 0xF];
    }
  }
  return out;
}

std::string withQuery(std::string base,
                      const std::vector<std::pair<std::string, std::string>>& query) {
  char separator = base.find('?') == std::string::npos ? '?' : '&';
  for (const auto& [name, value] : query) {
    base += separator;
    base += urlEncode(name) + "=" + urlEncode(value);
    separator = '&';
  }
  return base;
}

}  // namespace toolcommon
