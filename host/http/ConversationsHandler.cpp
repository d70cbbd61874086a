#include "http/ConversationsHandler.h"

#include <Poco/Logger.h>

#include <manifold/json.hpp>

#include "conversations/MessageJson.h"
#include "http/HttpReplies.h"

namespace manifold::http {
namespace {

using Poco::Net::HTTPResponse;

Poco::Logger& logger() {
  return Poco::Logger::get("conversations");
}

json::Value summaryJson(const conversations::ConversationInfo& c) {
  json::Value v = json::Value::object();
  v.set("id", c.id);
  v.set("object", "conversation");
  v.set("title", c.title);
  v.set("user", c.endUser.empty() ? json::Value() : json::Value(c.endUser));
  v.set("created_at", c.createdAtMs / 1000);
  v.set("updated_at", c.updatedAtMs / 1000);
  return v;
}

void notFound(Poco::Net::HTTPServerResponse& response, const std::string& id) {
  sendError(response, HTTPResponse::HTTP_NOT_FOUND, "no conversation " + id, "",
            "conversation_not_found");
}

}  // namespace

void ConversationsHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                         Poco::Net::HTTPServerResponse& response) {
  const std::optional<Caller> caller = context_.access().requireKey(request, response);
  if (!caller) return;
  conversations::ConversationStore* store = context_.conversations();
  if (!store)
    return sendError(response, HTTPResponse::HTTP_NOT_FOUND,
                     "conversations are not kept by this gateway", "", "conversations_disabled");
  try {
    switch (action_) {
      case Action::List:
        return list(*store, request, response, caller->keyId);
      case Action::Get:
        return get(*store, response, caller->keyId);
      case Action::Delete: {
        if (!store->remove(caller->keyId, id_)) return notFound(response, id_);
        json::Value body = json::Value::object();
        body.set("id", id_);
        body.set("object", "conversation.deleted");
        body.set("deleted", true);
        return sendValue(response, HTTPResponse::HTTP_OK, body);
      }
    }
  } catch (const std::exception& e) {
    logger().error("[%s] the conversation store failed: %s", response.get("x-request-id", ""),
                   std::string(e.what()));
    sendError(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR,
              "the gateway could not read its conversations; try again", "",
              "conversation_store_error");
  }
}

void ConversationsHandler::list(conversations::ConversationStore& store,
                                Poco::Net::HTTPServerRequest& request,
                                Poco::Net::HTTPServerResponse& response, const std::string& keyId) {
  const std::optional<int64_t> limit = pageLimit(request, response);
  if (!limit) return;
  const std::string after = queryParameter(request, "after");
  if (!after.empty() && !store.get(keyId, after))
    return sendError(response, HTTPResponse::HTTP_BAD_REQUEST,
                     "after must be the id of one of your conversations", "after", "invalid_value");
  // One more than asked tells whether another page follows.
  std::vector<conversations::ConversationInfo> page =
      store.list(keyId, static_cast<size_t>(*limit) + 1, after);
  const bool more = page.size() > static_cast<size_t>(*limit);
  if (more) page.pop_back();
  json::Value data = json::Value::array();
  for (const conversations::ConversationInfo& c : page) data.push(summaryJson(c));
  json::Value body = json::Value::object();
  body.set("object", "list");
  body.set("data", std::move(data));
  body.set("first_id", page.empty() ? json::Value() : json::Value(page.front().id));
  body.set("last_id", page.empty() ? json::Value() : json::Value(page.back().id));
  body.set("has_more", more);
  sendValue(response, HTTPResponse::HTTP_OK, body);
}

void ConversationsHandler::get(conversations::ConversationStore& store,
                               Poco::Net::HTTPServerResponse& response, const std::string& keyId) {
  const std::optional<conversations::ConversationInfo> c = store.get(keyId, id_);
  if (!c) return notFound(response, id_);
  json::Value messages = json::Value::array();
  int64_t turns = 0;
  for (const conversations::StoredMessage& m : store.messages(keyId, id_, /*withFailed=*/true)) {
    json::Value message = conversations::openAiMessage(m.json);
    // Failed turns are shown for the record; they are never sent as history.
    message.set("status", m.complete ? "complete" : "failed");
    message.set("turn", m.turn);
    if (!m.engine.empty()) message.set("engine", m.engine);
    if (!m.mode.empty()) message.set("mode", m.mode);
    messages.push(std::move(message));
    turns = m.turn;
  }
  json::Value body = summaryJson(*c);
  body.set("turns", turns);
  body.set("messages", std::move(messages));
  sendValue(response, HTTPResponse::HTTP_OK, body);
}

}  // namespace manifold::http
