#include "http/GatewayResponse.h"

#include <Poco/CountingStream.h>
#include <strings.h>

#include <ostream>
#include <string_view>

namespace manifold::http {
namespace {

void appendLine(std::string& out, std::string_view name, const std::string& value) {
  out.append(name).append(": ").append(value).append("\r\n");
}

}  // namespace

void GatewayResponse::setFast(std::string_view name, std::string value) {
  for (auto& [held, heldValue] : fast_)
    if (held.size() == name.size() && ::strncasecmp(held.data(), name.data(), name.size()) == 0) {
      heldValue = std::move(value);
      return;
    }
  if (fast_.empty()) fast_.reserve(16);  // a chat answer's route and rate-limit headers
  fast_.emplace_back(name, std::move(value));
}

// HTTPResponse::write (Poco 1.11), built in one string: one stream write
// instead of four per header. Before a body of known length, Poco writes the
// head once into an unbuffered counting stream, a virtual call per byte, only
// to learn its size; that size is given to it directly.
void GatewayResponse::write(std::ostream& out) const {
  std::string head;
  head.reserve(512);
  head.append(getVersion())
      .append(" ")
      .append(std::to_string(static_cast<int>(getStatus())))
      .append(" ")
      .append(getReason())
      .append("\r\n");
  for (const auto& [name, value] : *this) appendLine(head, name, value);
  for (const auto& [name, value] : fast_) appendLine(head, name, value);
  head.append("\r\n");
  if (auto* counting = dynamic_cast<Poco::CountingOutputStream*>(&out)) {
    counting->addChars(static_cast<std::streamsize>(head.size()));
    return;
  }
  out.write(head.data(), static_cast<std::streamsize>(head.size()));
}

void setGatewayHeader(Poco::Net::HTTPServerResponse& response, std::string_view name,
                      std::string value) {
  if (auto* gateway = dynamic_cast<GatewayResponse*>(&response))
    gateway->setFast(name, std::move(value));
  else
    response.set(std::string(name), value);
}

}  // namespace manifold::http
