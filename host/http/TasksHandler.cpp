#include "http/TasksHandler.h"

#include <Poco/Logger.h>

#include <manifold/json.hpp>

#include "http/HttpReplies.h"
#include "tasks/ClientWebhooks.h"
#include "tasks/TaskJson.h"

namespace manifold::http {
namespace {

using Poco::Net::HTTPResponse;

void sendDispatchError(Poco::Net::HTTPServerResponse& response, const tasks::DispatchError& e) {
  sendError(response, static_cast<HTTPResponse::HTTPStatus>(e.status), e.what(), "", e.code);
}

/// A string member, or "" when absent; false (after a 400) when it is not a string.
bool stringMember(const json::Value& body, const char* name, std::string& out,
                  Poco::Net::HTTPServerResponse& response) {
  const json::Value* value = body.find(name);
  if (!value || value->isNull()) return true;
  if (!value->isString()) {
    sendError(response, HTTPResponse::HTTP_BAD_REQUEST, std::string(name) + " must be a string",
              name, "invalid_value");
    return false;
  }
  out = value->asString();
  return true;
}

}  // namespace

void TasksHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                 Poco::Net::HTTPServerResponse& response) {
  const std::optional<Caller> caller = context_.access().requireKey(request, response);
  if (!caller) return;
  const std::string& owner = caller->keyId;
  tasks::TaskService& service = context_.tasks();
  try {
    switch (action_) {
      case Action::Create:
        return create(request, response, owner);
      case Action::List:
        return list(request, response, owner);
      case Action::Get: {
        const std::optional<tasks::Task> task = service.get(owner, taskId_);
        if (!task)
          return sendError(response, HTTPResponse::HTTP_NOT_FOUND, "no task " + taskId_, "",
                           "task_not_found");
        return sendValue(response, HTTPResponse::HTTP_OK, tasks::taskJson(*task));
      }
      case Action::Cancel:
        return sendValue(response, HTTPResponse::HTTP_OK,
                         tasks::taskJson(service.cancel(owner, taskId_)));
      case Action::WebhookSecret: {
        json::Value body = json::Value::object();
        body.set("object", "webhook_secret");
        body.set("key_id", owner);
        body.set("secret", service.clientWebhooks() ? service.clientWebhooks()->secretFor(owner)
                                                    : std::string());
        return sendValue(response, HTTPResponse::HTTP_OK, body);
      }
    }
  } catch (const tasks::TaskNotFound&) {
    sendError(response, HTTPResponse::HTTP_NOT_FOUND, "no task " + taskId_, "", "task_not_found");
  } catch (const tasks::DispatchError& e) {
    sendDispatchError(response, e);
  } catch (const std::exception& e) {
    Poco::Logger::get("tasks").error("tasks request failed: %s", std::string(e.what()));
    sendError(response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE, "tasks cannot be read right now");
  }
}

void TasksHandler::create(Poco::Net::HTTPServerRequest& request,
                          Poco::Net::HTTPServerResponse& response, const std::string& owner) {
  const std::optional<std::string> text =
      readBody(request, response, context_.snapshot()->config.server.maxBodyBytes);
  if (!text) return;
  const std::optional<json::Value> body = json::parse(*text);
  if (!body || !body->isObject())
    return sendError(response, HTTPResponse::HTTP_BAD_REQUEST, "the body must be a JSON object", "",
                     "invalid_json");
  tasks::NewTask task;
  task.ownerKeyId = owner;
  if (!stringMember(*body, "intent", task.intent, response) ||
      !stringMember(*body, "dispatcher", task.dispatcher, response) ||
      !stringMember(*body, "service", task.service, response) ||
      !stringMember(*body, "webhook_url", task.webhookUrl, response))
    return;
  const json::Value* input = body->find("input");
  if (!input)
    return sendError(response, HTTPResponse::HTTP_BAD_REQUEST, "input is required", "input",
                     "missing_input");
  task.inputJson = json::stringify(*input);
  if (const json::Value* metadata = body->find("metadata"); metadata && !metadata->isNull()) {
    if (!metadata->isObject())
      return sendError(response, HTTPResponse::HTTP_BAD_REQUEST, "metadata must be an object",
                       "metadata", "invalid_value");
    task.metadataJson = json::stringify(*metadata);
  }
  if (!task.webhookUrl.empty() && task.webhookUrl.rfind("http://", 0) != 0 &&
      task.webhookUrl.rfind("https://", 0) != 0)
    return sendError(response, HTTPResponse::HTTP_BAD_REQUEST,
                     "webhook_url must be an http or https URL", "webhook_url", "invalid_value");
  if (task.dispatcher.empty()) {
    if (task.intent.empty())
      return sendError(response, HTTPResponse::HTTP_BAD_REQUEST, "give intent or dispatcher",
                       "intent", "missing_intent");
    const auto served = context_.tasks().serviceFor(task.intent);
    if (!served)
      return sendError(response, HTTPResponse::HTTP_NOT_FOUND,
                       "no enabled dispatcher serves intent \"" + task.intent + "\"", "intent",
                       "unknown_intent");
    task.dispatcher = served->first;
    task.service = served->second;
  }
  sendValue(response, HTTPResponse::HTTP_CREATED, tasks::taskJson(context_.tasks().create(task)));
}

void TasksHandler::list(Poco::Net::HTTPServerRequest& request,
                        Poco::Net::HTTPServerResponse& response, const std::string& owner) {
  const std::optional<int64_t> pageSize = pageLimit(request, response);
  if (!pageSize) return;
  const int64_t limit = *pageSize;
  const std::string before = queryParameter(request, "before");
  // One more than asked tells whether another page follows.
  std::vector<tasks::Task> page =
      context_.tasks().list(owner, static_cast<size_t>(limit) + 1, before);
  const bool more = page.size() > static_cast<size_t>(limit);
  if (more) page.pop_back();
  json::Value data = json::Value::array();
  for (const tasks::Task& task : page) data.push(tasks::taskJson(task));
  json::Value body = json::Value::object();
  body.set("object", "list");
  body.set("data", std::move(data));
  body.set("has_more", more);
  body.set("next_before", more ? json::Value(page.back().id) : json::Value());
  sendValue(response, HTTPResponse::HTTP_OK, body);
}

}  // namespace manifold::http
