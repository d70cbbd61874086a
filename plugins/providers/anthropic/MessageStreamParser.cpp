#include "MessageStreamParser.h"

#include <manifold/json.hpp>

#include <string>

namespace anthropic {

void MessageStreamParser::feed(std::string_view bytes) {
  if (ended_) return;
  check(sse_.feed(bytes, [this](std::string_view data) { return onData(data); }));
}

void MessageStreamParser::finish() {
  if (ended_) return;
  check(sse_.finish([this](std::string_view data) { return onData(data); }));
  if (!ended_)
    throw manifold::Error(MF_ERR_UNAVAILABLE, "anthropic: the stream ended before message_stop",
                          true);
}

bool MessageStreamParser::onData(std::string_view data) {
  const std::optional<manifold::json::Value> event = manifold::json::parse(data);
  if (!event || !event->isObject()) {
    malformed_ = true;
    return false;
  }
  if (events_.onEvent(*event) == Flow::Stop) ended_ = true;
  return !ended_;
}

void MessageStreamParser::check(manifold::sse::SseParser::Status status) {
  if (malformed_) {
    ended_ = true;
    throw manifold::Error(MF_ERR_INTERNAL, "anthropic: upstream sent an event that is not JSON",
                          true);
  }
  if (status == manifold::sse::SseParser::Status::TooLarge) {
    ended_ = true;
    throw manifold::Error(MF_ERR_INTERNAL,
                          "anthropic: upstream sent an event larger than " +
                              std::to_string(kMaxEventBytes / (1024 * 1024)) + " MiB",
                          true);
  }
}

}  // namespace anthropic
