#include "McpReply.h"

namespace mcp {
namespace {

namespace json = manifold::json;

constexpr size_t kStartBytes = 120;

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

}  // namespace

McpReply::McpReply(int64_t requestId, size_t maxBytes)
    : requestId_(requestId), maxBytes_(maxBytes), events_(maxBytes) {}

bool McpReply::feed(std::string_view chunk) {
  if (start_.size() < kStartBytes) start_.append(chunk.substr(0, kStartBytes - start_.size()));
  if (mode_ == Mode::Unknown) {
    // A JSON body starts with '{' or '['; an event stream with a field name,
    // a comment or a blank line. Content-Type is checked afterwards.
    size_t i = 0;
    while (i < chunk.size() && isSpace(chunk[i])) ++i;
    if (i == chunk.size()) {
      json_.append(chunk);  // only whitespace so far: decide on the next chunk
      if (json_.size() > maxBytes_) tooLarge_ = true;
      return !tooLarge_;
    }
    mode_ = (chunk.substr(i, 1) == "{" || chunk.substr(i, 1) == "[") ? Mode::Json : Mode::Events;
    if (mode_ == Mode::Events && !json_.empty()) {
      const std::string leading = std::move(json_);
      json_.clear();
      if (!feedEvents(leading)) return false;
    }
  }
  if (mode_ == Mode::Json) {
    json_.append(chunk);
    if (json_.size() > maxBytes_) tooLarge_ = true;
    return !tooLarge_;
  }
  return feedEvents(chunk);
}

bool McpReply::feedEvents(std::string_view bytes) {
  scanFields(bytes);
  const auto status = events_.feed(bytes, [this](std::string_view data) { return onEvent(data); });
  if (status == manifold::sse::SseParser::Status::TooLarge) tooLarge_ = true;
  return status == manifold::sse::SseParser::Status::Ok;
}

void McpReply::finish() {
  if (mode_ == Mode::Events) {
    if (events_.finish([this](std::string_view data) { return onEvent(data); }) ==
        manifold::sse::SseParser::Status::TooLarge)
      tooLarge_ = true;
    return;
  }
  if (tooLarge_ || json_.empty()) return;
  const std::optional<json::Value> body = json::parse(json_);
  if (!body) return;
  if (body->isArray()) {
    for (const json::Value& message : body->asArray()) take(message);
  } else {
    take(*body);
  }
}

// The event parser hands over data alone; ids and retry delays are read here.
void McpReply::scanFields(std::string_view chunk) {
  constexpr size_t kLongestField = 256;
  for (const char c : chunk) {
    if (c != '\n' && c != '\r') {
      if (line_.size() < kLongestField) line_ += c;
      continue;
    }
    const size_t colon = line_.find(':');
    std::string value = colon == std::string::npos ? "" : line_.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.erase(0, 1);
    const std::string field = line_.substr(0, colon);
    if (field == "id") {
      lastEventId_ = value;
    } else if (field == "retry" && !value.empty() && value.size() < 8 &&
               value.find_first_not_of("0123456789") == std::string::npos) {
      retryMs_ = std::stoll(value);
    }
    line_.clear();
  }
}

bool McpReply::onEvent(std::string_view data) {
  if (data.empty()) return true;  // a priming event
  const std::optional<json::Value> message = json::parse(data);
  if (message) take(*message);
  return !response_;
}

void McpReply::take(const json::Value& message) {
  if (response_ || !message.isObject()) return;
  const json::Value* id = message.find("id");
  if ((!id || id->isNull()) && message["error"].isObject() && !unaddressed_) unaddressed_ = message;
  if (!id || !id->isInt() || id->asInt() != requestId_) return;
  if (!message["result"].isObject() && !message["error"].isObject()) return;
  response_ = message;
}

}  // namespace mcp
