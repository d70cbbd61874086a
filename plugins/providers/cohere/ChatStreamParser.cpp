#include "ChatStreamParser.h"

#include <manifold/json.hpp>

#include <string>

namespace cohere {

void ChatStreamParser::feed(std::string_view bytes) {
  if (ended_) return;
  check(sse_.feed(bytes, [this](std::string_view data) { return onData(data); }));
}

void ChatStreamParser::finish() {
  if (ended_) return;
  check(sse_.finish([this](std::string_view data) { return onData(data); }));
}

// The data's "type" is authoritative; the SSE event name is only a fallback.
bool ChatStreamParser::onData(std::string_view data) {
  const std::optional<manifold::json::Value> event = manifold::json::parse(data);
  if (!event || !event->isObject()) {
    malformed_ = true;
    return false;
  }
  const manifold::json::Value& type = (*event)["type"];
  const std::string_view name = type.isString() ? type.asString() : sse_.eventName();
  if (translator_.translate(name, *event, sink_) == Flow::Stop) ended_ = true;
  return !ended_;
}

void ChatStreamParser::check(manifold::sse::SseParser::Status status) {
  if (malformed_) {
    ended_ = true;
    throw manifold::Error(MF_ERR_UNAVAILABLE, "upstream sent an event that is not valid JSON",
                          true);
  }
  if (status == manifold::sse::SseParser::Status::TooLarge) {
    ended_ = true;
    throw manifold::Error(MF_ERR_INTERNAL,
                          "upstream sent an event larger than " +
                              std::to_string(kMaxEventBytes / (1024 * 1024)) + " MiB",
                          true);
  }
}

}  // namespace cohere
