#pragma once

#include "api/ChatCodec.h"

namespace manifold::api {

/// POST /v1/chat/completions: the OpenAI chat-completions contract.
class OpenAiChatCodec : public ChatCodec {
 public:
  std::optional<chat::ChatRequest> parse(std::string_view body, RequestProblem& problem) override;
  std::unique_ptr<failover::AnswerSink> answerSink(Poco::Net::HTTPServerResponse& response,
                                                   const chat::ChatRequest& request,
                                                   const std::string& requestId,
                                                   const turn::TurnRoute& route) override;
};

}  // namespace manifold::api
