#pragma once

#include <Poco/Formatter.h>

#include <string>
#include <string_view>

namespace manifold::logging {

/// `logging.format: json`: each message as one JSON object on one line:
///   {"time":"2024-05-01T12:00:00.123Z","level":"information","logger":"turn",
///    "message":"routed to smart by ...","request_id":"1a2b3c4d-17"}
/// The request id is the message's "request_id" parameter when it has one;
/// otherwise the "[<request id>] " prefix that request-scoped messages start
/// with is lifted out of the text into the field. Control characters are
/// escaped and invalid UTF-8 becomes U+FFFD, so every line parses.
class JsonLogFormatter : public Poco::Formatter {
 public:
  void format(const Poco::Message& message, std::string& text) override;

  /// Appends `value` as a JSON string, quotes included.
  static void appendString(std::string& out, std::string_view value);
  /// Splits "[id] rest" into id and rest; false when the text has no such prefix.
  static bool splitRequestId(std::string_view text, std::string_view& id, std::string_view& rest);
};

}  // namespace manifold::logging
