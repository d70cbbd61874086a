#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include <string>

#include "http/GatewayContext.h"

namespace manifold::http {

/// /v1/conversations: the caller's kept conversations, newest first, paged
/// by `limit` and `after` (the last id of the previous page); one
/// conversation with its messages in the OpenAI chat shape (GET
/// /v1/conversations/{id}); and its deletion (DELETE). Any gateway key; a
/// key sees only its own conversations (another's answers 404).
class ConversationsHandler : public Poco::Net::HTTPRequestHandler {
 public:
  enum class Action { List, Get, Delete };
  ConversationsHandler(GatewayContext& context, Action action, std::string id = "")
      : context_(context), action_(action), id_(std::move(id)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  void list(conversations::ConversationStore& store, Poco::Net::HTTPServerRequest& request,
            Poco::Net::HTTPServerResponse& response, const std::string& keyId);
  void get(conversations::ConversationStore& store, Poco::Net::HTTPServerResponse& response,
           const std::string& keyId);

  GatewayContext& context_;
  const Action action_;
  const std::string id_;
};

}  // namespace manifold::http
