#include "FakeRequestHandler.h"

#include <algorithm>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/StreamCopier.h>
#include <Poco/URI.h>

#include "OpenAiWire.h"
#include "SseAnswer.h"

namespace manifold::test {
namespace {

using Poco::Net::HTTPResponse;

const std::string kChatSuffix = "/chat/completions";

void sendJson(Poco::Net::HTTPServerResponse& response, int status, const std::string& json) {
  response.setStatusAndReason(static_cast<HTTPResponse::HTTPStatus>(status));
  response.setContentType("application/json");
  response.sendBuffer(json.data(), json.size());
}

void addHeaders(const FakeBehaviour& behaviour, Poco::Net::HTTPServerResponse& response) {
  for (const auto& [name, value] : behaviour.headers) response.set(name, value);
}

std::string firstSegment(const std::string& path) {
  const size_t start = path.find_first_not_of('/');
  if (start == std::string::npos) return "";
  return path.substr(start, path.find('/', start) - start);
}

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string joined(const std::vector<std::string>& tokens) {
  std::string text;
  for (const auto& token : tokens) text += token;
  return text;
}

}  // namespace

FakeRequestHandler::FakeRequestHandler(RouteLedger& ledger, const StopSignal& stop)
    : ledger_(ledger), stop_(stop) {}

void FakeRequestHandler::handleRequest(Poco::Net::HTTPServerRequest& request,
                                       Poco::Net::HTTPServerResponse& response) {
  // Absolute-form targets (through a forwarding proxy) reduce to their path.
  const std::string path = Poco::URI(request.getURI()).getPath();
  const std::string route = firstSegment(path);
  std::string body;
  Poco::StreamCopier::copyToString(request.stream(), body);
  if (route.empty() || request.getMethod() != "POST") {
    sendJson(response, 404, OpenAiWire::errorBody(404, "fake provider: no such endpoint " + path));
    return;
  }
  HeaderList headers;
  for (const auto& [name, value] : request) headers.emplace_back(name, value);
  headers.emplace_back(":path", path);
  // A raw answer stands in for any provider's API; otherwise this is OpenAI's.
  const RouteLedger::Admission admission =
      ledger_.admit(route, body, std::move(headers), [&path](const FakeBehaviour& b) {
        return !b.rawBody.empty() || endsWith(path, kChatSuffix);
      });
  if (admission.refused) {
    sendJson(response, 404, OpenAiWire::errorBody(404, "fake provider: no such endpoint " + path));
    return;
  }
  if (!admission.behaviour) {
    sendJson(response, 404, OpenAiWire::errorBody(404, "fake provider: unknown route " + route));
    return;
  }
  auto& impl = static_cast<Poco::Net::HTTPServerRequestImpl&>(request);
  ClientLink link(impl.socket(), stop_);
  answer(route, admission.number, *admission.behaviour, body, link, response);
}

void FakeRequestHandler::answer(const std::string& route, int number,
                                const FakeBehaviour& behaviour, const std::string& body,
                                ClientLink& link, Poco::Net::HTTPServerResponse& response) {
  if (behaviour.resetBeforeHeaders) {
    response.setKeepAlive(false);
    link.reset();
    return;
  }
  if (!pause(route, number, link, behaviour.headerDelayMs)) return;
  if (!behaviour.rawBody.empty() && behaviour.status == 200) {
    addHeaders(behaviour, response);
    response.setContentType(behaviour.rawContentType);
    response.setChunkedTransferEncoding(true);
    response.send() << behaviour.rawBody << std::flush;
    return;
  }
  if (behaviour.status != 200) {
    addHeaders(behaviour, response);
    const std::string message = "fake provider: status " + std::to_string(behaviour.status);
    sendJson(
        response, behaviour.status,
        behaviour.body.empty() ? OpenAiWire::errorBody(behaviour.status, message) : behaviour.body);
    return;
  }
  std::string model = "fake-model";
  bool stream = false;
  bool includeUsage = false;
  try {
    const auto json = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>();
    model = json->optValue<std::string>("model", model);
    stream = json->optValue<bool>("stream", false);
    if (const auto options = json->getObject("stream_options")) {
      includeUsage = options->optValue<bool>("include_usage", false);
    }
  } catch (const Poco::Exception& e) {
    sendJson(response, 400, OpenAiWire::errorBody(400, "fake provider: bad JSON: " + e.message()));
    return;
  }
  const OpenAiWire wire("chatcmpl-fake-" + std::to_string(number), model, includeUsage);
  if (!stream) {
    const int tokens = static_cast<int>(behaviour.tokens.size());
    const int generation = behaviour.firstTokenDelayMs +
                           behaviour.tokenDelayMs * std::max(tokens - 1, 0) +
                           (behaviour.stallAfterTokens >= 0 ? behaviour.stallMs : 0);
    if (!pause(route, number, link, generation)) return;
    const std::string reason = !behaviour.toolCallName.empty() && behaviour.finishReason == "stop"
                                   ? "tool_calls"
                                   : behaviour.finishReason;
    answerWhole(behaviour,
                wire.completion(joined(behaviour.tokens), behaviour.toolCallName, reason,
                                behaviour.promptTokens, tokens, behaviour.cachedTokens),
                link, response);
    return;
  }
  if (SseAnswer(behaviour, wire, link, response).run() == SseAnswer::Outcome::ClientGone) {
    ledger_.abandon(route, number);
  }
}

void FakeRequestHandler::answerWhole(const FakeBehaviour& behaviour, const std::string& json,
                                     ClientLink& link, Poco::Net::HTTPServerResponse& response) {
  addHeaders(behaviour, response);
  if (behaviour.malformedAfterTokens >= 0) {
    sendJson(response, 200, R"({"choices":[{"message":{"content":)");
    return;
  }
  if (behaviour.cutAfterTokens < 0) {
    sendJson(response, 200, json);
    return;
  }
  // Promise the whole body, deliver half of it, hang up.
  response.setContentType("application/json");
  response.setContentLength(static_cast<std::streamsize>(json.size()));
  response.setKeepAlive(false);
  std::ostream& out = response.send();
  out.write(json.data(), static_cast<std::streamsize>(json.size() / 2));
  out.flush();
  link.cut();
}

bool FakeRequestHandler::pause(const std::string& route, int number, ClientLink& link, int ms) {
  const ClientLink::Pause outcome = link.pause(ms);
  if (outcome == ClientLink::Pause::ClientGone) ledger_.abandon(route, number);
  return outcome == ClientLink::Pause::Elapsed;
}

}  // namespace manifold::test
