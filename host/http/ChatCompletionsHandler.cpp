#include "http/ChatCompletionsHandler.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>
#include <Poco/Timestamp.h>

#include <memory>
#include <set>

#include "chat/AnswerAccumulator.h"
#include "chat/ProviderCall.h"
#include "http/HttpReplies.h"
#include "http/OpenAiChunkWriter.h"
#include "plugins/AbiStrings.h"

namespace manifold::http {
namespace {

using Poco::JSON::Object;
using Poco::Net::HTTPResponse;

Poco::Logger& logger() {
  return Poco::Logger::get("chat");
}

struct ChatRequest {
  std::string model;
  bool stream = false;
  bool includeUsage = false;
};

// Checks the fields routing depends on; the provider validates the rest.
// Returns an empty string when valid, else sends nothing and names the problem.
std::string validate(const Object::Ptr& root, ChatRequest& out, std::string& param) {
  if (!root->has("model") || !root->get("model").isString() ||
      root->getValue<std::string>("model").empty())
    return param = "model", "model is required and must be a non-empty string";
  out.model = root->getValue<std::string>("model");
  if (!root->has("messages") || root->get("messages").type() != typeid(Poco::JSON::Array::Ptr))
    return param = "messages", "messages is required and must be an array";
  Poco::JSON::Array::Ptr messages = root->getArray("messages");
  if (messages->size() == 0) return param = "messages", "messages must not be empty";
  static const std::set<std::string> roles{"system", "developer", "user", "assistant", "tool"};
  for (size_t i = 0; i < messages->size(); ++i) {
    Object::Ptr m = messages->getObject(static_cast<unsigned>(i));
    const std::string where = "messages[" + std::to_string(i) + "]";
    if (!m) return param = where, where + " must be an object";
    if (!m->has("role") || !m->get("role").isString() ||
        !roles.count(m->getValue<std::string>("role")))
      return param = where + ".role",
             where + ".role must be one of system, developer, user, assistant, tool";
  }
  if (root->has("stream") && !root->isNull("stream")) {
    if (!root->get("stream").isBoolean()) return param = "stream", "stream must be a boolean";
    out.stream = root->getValue<bool>("stream");
  }
  if (root->has("n") && !root->isNull("n")) {
    const Poco::Dynamic::Var n = root->get("n");
    if (!n.isInteger() || n.convert<int>() != 1)
      return param = "n", "only n=1 is supported: Manifold returns one choice per request";
  }
  if (Object::Ptr options = root->getObject("stream_options")) {
    out.includeUsage = options->has("include_usage") && options->get("include_usage").isBoolean() &&
                       options->getValue<bool>("include_usage");
  }
  return "";
}

HTTPResponse::HTTPStatus statusForTerminal(const mf_error& e) {
  if (e.upstream_status >= 400 && e.upstream_status < 500)
    return static_cast<HTTPResponse::HTTPStatus>(e.upstream_status);
  return HTTPResponse::HTTP_BAD_REQUEST;
}

// A user error is the client's to fix: no other engine would answer better.
bool isTerminal(const mf_error& e) {
  return !e.retryable && (e.code == MF_ERR_INVALID || e.code == MF_ERR_CONTENT_FILTER);
}

}  // namespace

void ChatCompletionsHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                           Poco::Net::HTTPServerResponse& response) {
  const std::string requestId = response.get("x-request-id", "");
  std::optional<std::string> body =
      readBody(request, response, context_.config().server.maxBodyBytes);
  if (!body) return;

  Poco::Dynamic::Var parsed;
  try {
    parsed = Poco::JSON::Parser().parse(*body);
  } catch (const Poco::Exception& e) {
    sendError(response, HTTPResponse::HTTP_BAD_REQUEST,
              "request body is not valid JSON: " + e.message());
    return;
  }
  if (parsed.type() != typeid(Object::Ptr)) {
    sendError(response, HTTPResponse::HTTP_BAD_REQUEST, "request body must be a JSON object");
    return;
  }
  const Object::Ptr root = parsed.extract<Object::Ptr>();
  ChatRequest chat;
  std::string param;
  if (const std::string problem = validate(root, chat, param); !problem.empty()) {
    logger().information("[%s] rejected request: %s", requestId, problem);
    sendError(response, HTTPResponse::HTTP_BAD_REQUEST, problem, param);
    return;
  }

  engines::EngineCatalog& catalog = context_.engines();
  std::string modeName;
  const std::vector<std::string> route = catalog.routeFor(chat.model, modeName);
  if (route.empty()) {
    sendError(response, HTTPResponse::HTTP_NOT_FOUND,
              "model \"" + chat.model + "\" matches no engine or mode", "model", "model_not_found");
    return;
  }

  const int64_t created = Poco::Timestamp().epochTime();
  const std::string completionId = "chatcmpl-" + requestId;
  chat::ProviderCall call(context_.http());
  std::vector<std::string> steps;
  int attempts = 0;
  mf_error lastError = plugins::blankError();

  for (const std::string& engineId : route) {
    engines::EngineUnavailable why;
    std::optional<engines::ResolvedEngine> engine = catalog.resolve(engineId, why);
    if (!engine) {
      steps.push_back(engineId + ": skipped (" + why.reason + ")");
      continue;
    }
    ++attempts;
    const plugins::PluginLibrary& plugin = engine->provider->library();
    auto setRouteHeaders = [&] {
      response.set("x-manifold-engine", engineId);
      response.set("x-manifold-attempts", std::to_string(attempts));
      response.set("x-manifold-provider", plugin.id() + "@" + plugin.version());
      if (!modeName.empty()) response.set("x-manifold-mode", modeName);
    };

    chat::AnswerAccumulator answer;
    std::vector<chat::CanonicalEvent> pending;
    std::unique_ptr<OpenAiChunkWriter> writer;
    bool clientGone = false;
    std::optional<chat::CanonicalEvent> inBandError;

    auto commit = [&] {
      setRouteHeaders();
      response.setChunkedTransferEncoding(true);
      response.setContentType("text/event-stream");
      response.set("Cache-Control", "no-cache");
      writer =
          std::make_unique<OpenAiChunkWriter>(response.send(), completionId, engineId, created);
      clientGone = !writer->writeRole();
      for (const chat::CanonicalEvent& e : pending)
        if (!clientGone && !writer->writeEvent(e)) clientGone = true;
      pending.clear();
    };
    auto onEvent = [&](const chat::CanonicalEvent& e) {
      if (e.type == chat::CanonicalEvent::Type::Error) {
        inBandError = e;
        return false;
      }
      answer.add(e);
      if (!chat.stream) return true;
      if (!writer) {
        pending.push_back(e);
        if (e.isContent()) commit();
        return !clientGone;
      }
      if (!writer->writeEvent(e)) clientGone = true;
      return !clientGone;
    };

    chat::AttemptResult result = call.run(*engine, *body, chat.stream, onEvent);
    if (inBandError && !clientGone) {
      result.ok = false;
      result.error = plugins::blankError();
      plugins::fillError(&result.error,
                         inBandError->errorCode ? inBandError->errorCode : MF_ERR_UNAVAILABLE,
                         inBandError->retryable, inBandError->text);
    }

    if (result.ok && chat.stream && !writer) commit();  // a content-free answer still ends cleanly
    if (writer) {  // committed: the answer is this engine's, whatever happens now
      if (clientGone) {
        logger().information("[%s] client went away during %s's answer", requestId, engineId);
      } else if (result.ok) {
        writer->writeFinish(answer.finishReason(), chat.includeUsage ? &answer : nullptr);
      } else {
        logger().warning("[%s] %s failed after the first token: %s", requestId, engineId,
                         plugins::errorMessage(result.error));
        writer->writeError(result.error);
      }
      return;
    }
    if (result.ok) {
      setRouteHeaders();
      const std::string json =
          OpenAiChunkWriter::completionJson(completionId, engineId, created, answer);
      response.setContentType("application/json");
      response.setContentLength(static_cast<std::streamsize>(json.size()));
      response.send() << json;
      return;
    }

    const std::string reason = plugins::errorMessage(result.error);
    logger().warning("[%s] %s failed before the first token: %s", requestId, engineId, reason);
    steps.push_back(engineId + ": " + reason);
    lastError = result.error;
    if (isTerminal(result.error)) {
      setRouteHeaders();
      sendError(response, statusForTerminal(result.error), reason, "", "upstream_rejected_request");
      return;
    }
  }

  std::string summary;
  for (const std::string& s : steps) summary += (summary.empty() ? "" : "; ") + s;
  logger().error("[%s] no engine could answer %s: %s", requestId, chat.model, summary);
  response.set("x-manifold-attempts", std::to_string(attempts));
  sendError(response, HTTPResponse::HTTP_SERVICE_UNAVAILABLE,
            (attempts == 0 ? "no engine is available for \"" : "every engine failed for \"") +
                chat.model + "\": " + summary,
            "", attempts == 0 ? "no_engine_available" : "all_engines_failed");
}

}  // namespace manifold::http
