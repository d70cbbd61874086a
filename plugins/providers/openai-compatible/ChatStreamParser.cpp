#include "ChatStreamParser.h"

#include <manifold/json.hpp>

#include "EventTranslator.h"

namespace openai_compatible {

void ChatStreamParser::feed(std::string_view bytes) {
  if (ended_) return;
  check(sse_.feed(bytes, [this](std::string_view data) { return onData(data); }));
}

void ChatStreamParser::finish() {
  if (ended_) return;
  check(sse_.finish([this](std::string_view data) { return onData(data); }));
}

bool ChatStreamParser::onData(std::string_view data) {
  if (data == "[DONE]") {
    ended_ = true;
    return false;
  }
  const std::optional<manifold::json::Value> chunk = manifold::json::parse(data);
  if (!chunk || !chunk->isObject()) {
    malformed_ = true;
    return false;
  }
  if (translateChunk(*chunk, sink_) == Flow::Stop) ended_ = true;
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
    throw manifold::Error(
        MF_ERR_INTERNAL,
        "upstream sent an event larger than " + std::to_string(kMaxEventBytes / 1024) + " KiB",
        true);
  }
}

}  // namespace openai_compatible
