#include "http/RequestFraming.h"

#include <Poco/String.h>
#include <Poco/StringTokenizer.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace manifold::http {
namespace {

using Status = Poco::Net::HTTPResponse::HTTPStatus;

// Every value of a field that may repeat, in order.
std::vector<std::string> valuesOf(const Poco::Net::HTTPRequest& request, const std::string& name) {
  std::vector<std::string> values;
  for (auto it = request.find(name); it != request.end() && Poco::icompare(it->first, name) == 0;
       ++it)
    values.push_back(Poco::trim(it->second));
  return values;
}

// The transfer codings of every Transfer-Encoding field, in order, lower case.
std::vector<std::string> codingsOf(const std::vector<std::string>& fields) {
  std::vector<std::string> codings;
  for (const std::string& field : fields) {
    Poco::StringTokenizer tokens(
        field, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
    for (const std::string& token : tokens) codings.push_back(Poco::toLower(token));
  }
  return codings;
}

bool allDigits(const std::string& text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

HeadRefusal ambiguous(const std::string& why) {
  return {Status::HTTP_BAD_REQUEST, "request body framing is ambiguous: " + why,
          "ambiguous_framing"};
}

}  // namespace

std::optional<HeadRefusal> checkFraming(const Poco::Net::HTTPRequest& request) {
  const std::vector<std::string> lengths =
      valuesOf(request, Poco::Net::HTTPMessage::CONTENT_LENGTH);
  const std::vector<std::string> encodings =
      valuesOf(request, Poco::Net::HTTPMessage::TRANSFER_ENCODING);
  if (!lengths.empty() && !encodings.empty())
    return ambiguous("both Content-Length and Transfer-Encoding are set");
  for (const std::string& length : lengths) {
    if (!allDigits(length)) return ambiguous("Content-Length \"" + length + "\" is not a number");
    if (length != lengths.front()) return ambiguous("Content-Length is set to different values");
  }
  if (encodings.empty()) return std::nullopt;
  const std::vector<std::string> codings = codingsOf(encodings);
  if (codings.empty() || codings.back() != "chunked")
    return ambiguous("chunked is not the final Transfer-Encoding");
  if (codings.size() > 1)
    return HeadRefusal{
        Status::HTTP_NOT_IMPLEMENTED,
        "Transfer-Encoding \"" + codings.front() + "\" is not supported; send chunked alone",
        "unsupported_transfer_coding"};
  return std::nullopt;
}

}  // namespace manifold::http
