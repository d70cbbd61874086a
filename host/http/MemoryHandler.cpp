#include "http/MemoryHandler.h"

#include <Poco/Logger.h>

#include <manifold/json.hpp>

#include <stdexcept>

#include "http/HttpReplies.h"
#include "memory/MemoryUpdates.h"

namespace manifold::http {
namespace {

using Poco::JSON::Object;
using Poco::Net::HTTPRequest;
using Poco::Net::HTTPResponse;

constexpr int64_t kMaxBodyBytes = 64 * 1024;
constexpr size_t kMaxTextBytes = 4000;

Poco::Logger& logger() {
  return Poco::Logger::get("memory");
}

Object::Ptr factJson(const memory::MemoryFact& fact) {
  Object::Ptr o = new Object;
  o->set("id", fact.id);
  o->set("object", "memory.fact");
  o->set("text", fact.text);
  o->set("user", fact.user);
  o->set("source", fact.source);
  o->set("created_at", fact.createdMs / 1000);
  o->set("updated_at", fact.updatedMs / 1000);
  return o;
}

}  // namespace

void MemoryHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                  Poco::Net::HTTPServerResponse& response) {
  const std::optional<Caller> caller = context_.access().requireKey(request, response);
  if (!caller) return;
  memory::MemoryStore* store = context_.memory();
  if (!store)
    return sendError(response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "memory is not available",
                     "", "memory_unavailable");
  const std::string& method = request.getMethod();
  try {
    if (!factId_.empty()) return remove(response, *store, caller->keyId);
    if (method == HTTPRequest::HTTP_POST) return add(request, response, *store, caller->keyId);
    list(request, response, *store, caller->keyId);
  } catch (const std::exception& e) {
    logger().error("[%s] %s %s failed: the memory store failed: %s",
                   response.get("x-request-id", ""), method, request.getURI(),
                   std::string(e.what()));
    sendError(response, HTTPResponse::HTTP_INTERNAL_SERVER_ERROR, "the memory store failed", "",
              "store_error");
  }
}

void MemoryHandler::add(Poco::Net::HTTPServerRequest& request,
                        Poco::Net::HTTPServerResponse& response, memory::MemoryStore& store,
                        const std::string& keyId) {
  const std::string requestId = response.get("x-request-id", "");
  const auto refuse = [&](const std::string& message, const std::string& param,
                          const std::string& code) {
    logger().information("[%s] POST /v1/memory answered 400 (%s): %s", requestId, code, message);
    sendError(response, HTTPResponse::HTTP_BAD_REQUEST, message, param, code);
  };
  const std::optional<std::string> text = readBody(request, response, kMaxBodyBytes);
  if (!text) {
    logger().information("[%s] POST /v1/memory refused: body over %s bytes, or cut short",
                         requestId, std::to_string(kMaxBodyBytes));
    return;
  }
  const std::optional<json::Value> body = json::parse(*text);
  if (!body || !body->isObject())
    return refuse("the body must be a JSON object: {\"text\": ..., \"user\": ...}", "",
                  "invalid_json");
  const json::Value& fact = (*body)["text"];
  if (!fact.isString() || fact.asString().find_first_not_of(" \t\r\n") == std::string::npos)
    return refuse("text is required: the fact to remember, a non-empty string", "text",
                  "missing_text");
  if (fact.asString().size() > kMaxTextBytes)
    return refuse("text is too long: at most " + std::to_string(kMaxTextBytes) + " bytes", "text",
                  "text_too_long");
  const json::Value& user = (*body)["user"];
  if (!user.isNull() && !user.isString())
    return refuse("user must be a string: the end user the fact is about", "user", "invalid_user");
  const memory::MemoryFact kept = memory::rememberNote(
      store,
      memory::newFact(keyId, user.isString() ? user.asString() : "", "", fact.asString(), "api"));
  sendJson(response, HTTPResponse::HTTP_CREATED, factJson(kept));
}

void MemoryHandler::list(Poco::Net::HTTPServerRequest& request,
                         Poco::Net::HTTPServerResponse& response, memory::MemoryStore& store,
                         const std::string& keyId) {
  Poco::JSON::Array::Ptr data = new Poco::JSON::Array;
  for (const memory::MemoryFact& fact : store.list(keyId, queryParameter(request, "user")))
    data->add(factJson(fact));
  Object::Ptr body = new Object;
  body->set("object", "list");
  body->set("data", data);
  sendJson(response, HTTPResponse::HTTP_OK, body);
}

void MemoryHandler::remove(Poco::Net::HTTPServerResponse& response, memory::MemoryStore& store,
                           const std::string& keyId) {
  if (!store.forget(keyId, factId_)) {
    logger().information("[%s] DELETE /v1/memory/%s answered 404: the key has no such fact",
                         response.get("x-request-id", ""), factId_);
    return sendError(response, HTTPResponse::HTTP_NOT_FOUND, "no fact " + factId_, "",
                     "memory_not_found");
  }
  Object::Ptr body = new Object;
  body->set("id", factId_);
  body->set("object", "memory.fact.deleted");
  body->set("deleted", true);
  sendJson(response, HTTPResponse::HTTP_OK, body);
}

}  // namespace manifold::http
