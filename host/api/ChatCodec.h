#pragma once

#include <Poco/Net/HTTPServerResponse.h>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "api/RequestProblem.h"
#include "chat/ChatRequest.h"
#include "failover/AnswerSink.h"
#include "turn/TurnRoute.h"

namespace manifold::api {

/// What differs between the chat APIs Manifold speaks (OpenAI chat
/// completions, Anthropic messages, the native event stream): how a request
/// body becomes the canonical request and how the answer is written back.
/// Everything else, from routing to failover, is shared (ChatExchange).
class ChatCodec {
 public:
  virtual ~ChatCodec() = default;

  /// The canonical request, or nullopt with the client's mistake named.
  virtual std::optional<chat::ChatRequest> parse(std::string_view body,
                                                 RequestProblem& problem) = 0;

  /// A mode or plugin intent the request body itself asks for (the native
  /// API's "mode" field), which overrides the router; nullopt for none.
  virtual std::optional<std::string> requestedRoute() const { return std::nullopt; }

  /// The conversation the request body itself names (the native API's
  /// conversation_id and conversation fields): an id, "new", or "" for an
  /// explicit none; nullopt when the body says nothing.
  virtual std::optional<std::string> requestedConversation() const { return std::nullopt; }

  /// The egress codec for one answer to `request`, routed as `route` says.
  virtual std::unique_ptr<failover::AnswerSink> answerSink(Poco::Net::HTTPServerResponse& response,
                                                           const chat::ChatRequest& request,
                                                           const std::string& requestId,
                                                           const turn::TurnRoute& route) = 0;
};

}  // namespace manifold::api
