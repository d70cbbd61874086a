#include "logging/JsonLogFormatter.h"

#include <Poco/DateTimeFormatter.h>
#include <Poco/Message.h>

#include <manifold/json.hpp>

#include "trust/Sanitiser.h"

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

}  // namespace

void JsonLogFormatter::appendString(std::string& out, std::string_view value) {
  // Ill-formed UTF-8 becomes U+FFFD, so that every line parses.
  json::appendQuoted(out, trust::repairUtf8(value));
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
