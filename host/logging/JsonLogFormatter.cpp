#include "logging/JsonLogFormatter.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Message.h>

#include <cctype>
#include <cstdio>

namespace manifold::logging {
namespace {

const char* levelName(Poco::Message::Priority priority) {
  switch (priority) {
    case Poco::Message::PRIO_FATAL:
      return "fatal";
    case Poco::Message::PRIO_CRITICAL:
      return "critical";
    case Poco::Message::PRIO_ERROR:
      return "error";
    case Poco::Message::PRIO_WARNING:
      return "warning";
    case Poco::Message::PRIO_NOTICE:
      return "notice";
    case Poco::Message::PRIO_INFORMATION:
      return "information";
    case Poco::Message::PRIO_DEBUG:
      return "debug";
    case Poco::Message::PRIO_TRACE:
      return "trace";
  }
  return "information";
}

// Length of the well-formed UTF-8 sequence at text[i], or 0.
size_t utf8Length(std::string_view text, size_t i) {
  const auto byte = [&](size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char c = byte(i);
  size_t length = 0;
  uint32_t min = 0;
  if (c >= 0xC2 && c <= 0xDF)
    length = 2, min = 0x80;
  else if (c >= 0xE0 && c <= 0xEF)
    length = 3, min = 0x800;
  else if (c >= 0xF0 && c <= 0xF4)
    length = 4, min = 0x10000;
  else
    return 0;
  if (i + length > text.size()) return 0;
  uint32_t cp = c & (0x3F >> (length - 1));
  for (size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (byte(i + k) & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

void JsonLogFormatter::appendString(std::string& out, std::string_view value) {
  out += '"';
  for (size_t i = 0; i < value.size();) {
    const unsigned char c = static_cast<unsigned char>(value[i]);
    if (c < 0x80) {
      switch (c) {
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        default:
          if (c < 0x20 || c == 0x7F) {
            char escaped[8];
            std::snprintf(escaped, sizeof(escaped), "\\u%04x", c);
            out += escaped;
          } else {
            out += static_cast<char>(c);
          }
      }
      ++i;
      continue;
    }
    const size_t length = utf8Length(value, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD for a byte that is not UTF-8
      ++i;
    } else {
      out.append(value.data() + i, length);
      i += length;
    }
  }
  out += '"';
}

bool JsonLogFormatter::splitRequestId(std::string_view text, std::string_view& id,
                                      std::string_view& rest) {
  if (text.size() < 4 || text[0] != '[') return false;
  const size_t close = text.find("] ");
  if (close == std::string_view::npos || close < 2 || close > 129) return false;
  for (size_t i = 1; i < close; ++i) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (!(std::isalnum(c) || c == '-' || c == '_' || c == '.')) return false;
  }
  id = text.substr(1, close - 1);
  rest = text.substr(close + 2);
  return true;
}

void JsonLogFormatter::format(const Poco::Message& message, std::string& text) {
  text.reserve(text.size() + message.getText().size() + 128);
  text += "{\"time\":\"";
  text += Poco::DateTimeFormatter::format(message.getTime(), "%Y-%m-%dT%H:%M:%S.%iZ");
  text += "\",\"level\":\"";
  text += levelName(message.getPriority());
  text += "\",\"logger\":";
  appendString(text, message.getSource());
  std::string_view body = message.getText();
  std::string_view requestId;
  if (message.has("request_id")) {
    requestId = message.get("request_id");
  } else {
    std::string_view id, rest;
    if (splitRequestId(body, id, rest)) requestId = id, body = rest;
  }
  text += ",\"message\":";
  appendString(text, body);
  if (!requestId.empty()) {
    text += ",\"request_id\":";
    appendString(text, requestId);
  }
  text += ",\"thread\":";
  text += std::to_string(message.getTid());
  text += '}';
}

}  // namespace manifold::logging
