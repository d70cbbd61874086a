#include "http/AnthropicChatCodec.h"

#include "http/AnthropicAnswerSink.h"
#include "ingress/AnthropicRequestParser.h"

namespace manifold::http {

std::optional<chat::ChatRequest> AnthropicChatCodec::parse(std::string_view body,
                                                           ingress::RequestProblem& problem) {
  return ingress::AnthropicRequestParser().parse(body, problem, thinkingRequested_);
}

std::unique_ptr<failover::AnswerSink> AnthropicChatCodec::answerSink(
    Poco::Net::HTTPServerResponse& response, const chat::ChatRequest& request,
    const std::string& requestId, const RouteChoice& /*route: reported in headers*/) {
  return std::make_unique<AnthropicAnswerSink>(response, "msg_" + requestId, request.stream,
                                               thinkingRequested_);
}

}  // namespace manifold::http
