#include "GeminiStreamParser.h"

#include <manifold/json.hpp>

#include <string>

namespace gemini {

void GeminiStreamParser::feed(std::string_view bytes) {
  if (ended_) return;
  check(sse_.feed(bytes, [this](std::string_view data) { return onData(data); }));
}

void GeminiStreamParser::finish() {
  if (ended_) return;
  check(sse_.finish([this](std::string_view data) { return onData(data); }));
  if (ended_) return;
  ended_ = true;
  translator_.end();
}

bool GeminiStreamParser::onData(std::string_view data) {
  const std::optional<manifold::json::Value> response = manifold::json::parse(data);
  if (!response || !response->isObject()) {
    malformed_ = true;
    return false;
  }
  if (!translator_.onResponse(*response)) ended_ = true;
  return !ended_;
}

void GeminiStreamParser::check(manifold::sse::SseParser::Status status) {
  if (malformed_) {
    ended_ = true;
    throw manifold::Error(MF_ERR_INTERNAL,
                          "gemini: upstream sent an event that is not a JSON object", true);
  }
  if (status == manifold::sse::SseParser::Status::TooLarge) {
    ended_ = true;
    throw manifold::Error(MF_ERR_INTERNAL,
                          "gemini: upstream sent an event larger than " +
                              std::to_string(kMaxEventBytes / (1024 * 1024)) + " MiB",
                          true);
  }
}

}  // namespace gemini
