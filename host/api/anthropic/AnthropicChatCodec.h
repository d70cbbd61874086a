#pragma once

#include "api/ChatCodec.h"

namespace manifold::api {

/// POST /v1/messages: the Anthropic Messages contract, close enough that the
/// official @anthropic-ai/sdk works unchanged. Any engine can answer.
class AnthropicChatCodec : public ChatCodec {
 public:
  std::optional<chat::ChatRequest> parse(std::string_view body, RequestProblem& problem) override;
  std::unique_ptr<failover::AnswerSink> answerSink(Poco::Net::HTTPServerResponse& response,
                                                   const chat::ChatRequest& request,
                                                   const std::string& requestId,
                                                   const turn::TurnRoute& route) override;

 private:
  bool thinkingRequested_ = false;
};

}  // namespace manifold::api
