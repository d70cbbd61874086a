#include "http/RequestHeadLimits.h"

#include <algorithm>

namespace manifold::http {
namespace {

using Status = Poco::Net::HTTPResponse::HTTPStatus;

bool startsWith(const std::string& text, const char* prefix) {
  return text.rfind(prefix, 0) == 0;
}

}  // namespace

RequestHeadLimits::RequestHeadLimits(int maxFields, int maxHeadBytes, int maxUriBytes)
    : maxFields_(std::clamp(maxFields, 1, kParserMaxFields)),
      maxHeadBytes_(std::max(maxHeadBytes, 1)),
      maxUriBytes_(std::clamp(maxUriBytes, 1, kParserMaxUriBytes)) {}

HeadRefusal RequestHeadLimits::tooManyFields() const {
  return {Status::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE,
          "request head has more than " + std::to_string(maxFields_) + " header fields",
          "header_fields_too_large"};
}

HeadRefusal RequestHeadLimits::uriTooLong() const {
  return {Status::HTTP_REQUEST_URI_TOO_LONG,
          "request target is longer than " + std::to_string(maxUriBytes_) + " bytes",
          "uri_too_long"};
}

std::optional<HeadRefusal> RequestHeadLimits::check(const Poco::Net::HTTPRequest& request) const {
  if (request.getURI().size() > static_cast<size_t>(maxUriBytes_)) return uriTooLong();
  if (request.size() > static_cast<size_t>(maxFields_)) return tooManyFields();
  // "METHOD SP target SP version CRLF", each "name: value CRLF", the final CRLF.
  size_t bytes =
      request.getMethod().size() + request.getURI().size() + request.getVersion().size() + 4 + 2;
  for (const auto& [name, value] : request) bytes += name.size() + value.size() + 4;
  if (bytes > static_cast<size_t>(maxHeadBytes_))
    return HeadRefusal{Status::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE,
                       "request head is larger than " + std::to_string(maxHeadBytes_) + " bytes",
                       "header_fields_too_large"};
  return std::nullopt;
}

// The texts are Poco 1.11's (MessageHeader::read, HTTPRequest::read). A field
// name stops at 256 bytes and a value at 8192; "no colon"/"no CRLF" can only
// follow a name or value cut at that length (or a client that left mid-line,
// which reads no answer).
HeadRefusal RequestHeadLimits::refusalFor(const Poco::Net::MessageException& e) const {
  const std::string& what = e.message();
  if (startsWith(what, "Too many header fields")) return tooManyFields();
  if (startsWith(what, "Field name too long") || startsWith(what, "Field value too long") ||
      startsWith(what, "Folded field value too long"))
    return {Status::HTTP_REQUEST_HEADER_FIELDS_TOO_LARGE,
            "a request header field is too large (names up to 256 bytes, values up to 8192)",
            "header_fields_too_large"};
  if (startsWith(what, "HTTP request URI invalid or too long")) return uriTooLong();
  return {Status::HTTP_BAD_REQUEST, "malformed request head: " + what, "malformed_request"};
}

}  // namespace manifold::http
