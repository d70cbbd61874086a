#include "SseAnswer.h"

namespace manifold::test {

SseAnswer::SseAnswer(const FakeBehaviour& behaviour, const OpenAiWire& wire, ClientLink& link,
                     Poco::Net::HTTPServerResponse& response)
    : behaviour_(behaviour), wire_(wire), link_(link), response_(response) {}

SseAnswer::Outcome SseAnswer::run() {
  response_.setChunkedTransferEncoding(true);
  response_.setContentType("text/event-stream");
  response_.set("Cache-Control", "no-cache");
  for (const auto& [name, value] : behaviour_.headers) response_.set(name, value);
  out_ = &response_.send();
  if (!send(wire_.roleChunk())) return failed();
  if (behaviour_.keepAliveComments && !send(OpenAiWire::keepAliveComment())) return failed();

  const int count = static_cast<int>(behaviour_.tokens.size());
  for (int sent = 0;; ++sent) {
    if (sent == behaviour_.cutAfterTokens) {
      response_.setKeepAlive(false);
      link_.cut();
      return Outcome::Cut;
    }
    if (sent == behaviour_.stallAfterTokens) {
      if (auto end = pause(behaviour_.stallMs)) return *end;
    }
    if (sent == behaviour_.malformedAfterTokens) {
      if (!send(OpenAiWire::malformedFrame()) || !send(OpenAiWire::doneFrame())) return failed();
      return Outcome::Finished;
    }
    if (sent == count) break;
    if (auto end = pause(sent == 0 ? behaviour_.firstTokenDelayMs : behaviour_.tokenDelayMs)) {
      return *end;
    }
    if (auto end = sendToken(sent)) return *end;
  }
  return finish();
}

std::optional<SseAnswer::Outcome> SseAnswer::sendToken(int index) {
  const std::string& token = behaviour_.tokens[static_cast<size_t>(index)];
  if (behaviour_.toolCallName.empty()) {
    if (!send(wire_.contentChunk(token))) return failed();
    return std::nullopt;
  }
  if (index == 0 && !send(wire_.toolCallStartChunk(behaviour_.toolCallName))) return failed();
  if (!send(wire_.toolArgumentsChunk(token))) return failed();
  return std::nullopt;
}

SseAnswer::Outcome SseAnswer::finish() {
  const bool toolCall = !behaviour_.toolCallName.empty();
  if (toolCall && behaviour_.tokens.empty() &&
      !send(wire_.toolCallStartChunk(behaviour_.toolCallName))) {
    return failed();
  }
  const std::string reason =
      toolCall && behaviour_.finishReason == "stop" ? "tool_calls" : behaviour_.finishReason;
  if (!send(wire_.finishChunk(reason))) return failed();
  const std::string usage = wire_.usageChunk(
      behaviour_.promptTokens, static_cast<int>(behaviour_.tokens.size()), behaviour_.cachedTokens);
  if (wire_.includesUsage() && !send(usage)) return failed();
  if (!behaviour_.omitDone && !send(OpenAiWire::doneFrame())) return failed();
  return Outcome::Finished;
}

bool SseAnswer::send(const std::string& frame) {
  *out_ << frame;
  out_->flush();
  return static_cast<bool>(*out_);
}

std::optional<SseAnswer::Outcome> SseAnswer::pause(int ms) {
  switch (link_.pause(ms)) {
    case ClientLink::Pause::Elapsed:
      return std::nullopt;
    case ClientLink::Pause::ClientGone:
      return Outcome::ClientGone;
    case ClientLink::Pause::Stopping:
      return Outcome::Stopping;
  }
  return std::nullopt;
}

SseAnswer::Outcome SseAnswer::failed() const {
  return link_.stopping() ? Outcome::Stopping : Outcome::ClientGone;
}

}  // namespace manifold::test
