#include "api/anthropic/AnthropicChatCodec.h"

#include "api/anthropic/AnthropicAnswerSink.h"
#include "api/anthropic/AnthropicRequestParser.h"

namespace manifold::api {

std::optional<chat::ChatRequest> AnthropicChatCodec::parse(std::string_view body,
                                                           RequestProblem& problem) {
  return AnthropicRequestParser().parse(body, problem, thinkingRequested_);
}

std::unique_ptr<failover::AnswerSink> AnthropicChatCodec::answerSink(
    Poco::Net::HTTPServerResponse& response, const chat::ChatRequest& request,
    const std::string& requestId, const turn::TurnRoute& /*route: reported in headers*/) {
  return std::make_unique<AnthropicAnswerSink>(response, "msg_" + requestId, request.stream,
                                               thinkingRequested_);
}

}  // namespace manifold::api
