#pragma once

#include "api/ChatCodec.h"

namespace manifold::api {

/// POST /api/chat: Manifold's native API. The body is an OpenAI chat request
/// in which `model` is optional ("auto" when absent: the router decides) and
/// `mode` may name a mode or a plugin intent, overriding the router.
/// `report_attempts: true` asks for an `attempt` event per failed attempt
/// before the answering engine's (the dashboard's test chat shows them); by
/// default failover stays invisible. `conversation_id` carries on a
/// conversation; otherwise `"conversation": true` starts one and false
/// keeps none (absent: conversations.auto_start decides). The answer is always a typed event
/// stream (NativeEventWriter); `stream` is ignored.
class NativeChatCodec : public ChatCodec {
 public:
  std::optional<chat::ChatRequest> parse(std::string_view body, RequestProblem& problem) override;
  std::optional<std::string> requestedRoute() const override { return mode_; }
  std::optional<std::string> requestedConversation() const override { return conversation_; }
  std::unique_ptr<failover::AnswerSink> answerSink(Poco::Net::HTTPServerResponse& response,
                                                   const chat::ChatRequest& request,
                                                   const std::string& requestId,
                                                   const turn::TurnRoute& route) override;

 private:
  std::optional<std::string> mode_;
  bool reportAttempts_ = false;
  std::optional<std::string> conversation_;
};

}  // namespace manifold::api
