#include "turn/ImageExecutor.h"

#include <manifold/json.hpp>

#include <Poco/Logger.h>

#include "chat/AnswerAccumulator.h"
#include "media/ImageResult.h"
#include "plugins/AbiStrings.h"

namespace manifold::turn {
namespace {

using failover::ChainOutcome;

Poco::Logger& logger() {
  return Poco::Logger::get("media");
}

std::string lastUserText(const chat::ChatRequest& request) {
  for (auto it = request.messages.rbegin(); it != request.messages.rend(); ++it) {
    if (it->role != "user") continue;
    std::string text;
    for (const chat::ContentPart& part : it->content)
      if (part.kind == chat::ContentPart::Kind::Text)
        text += (text.empty() ? "" : "\n") + part.text;
    return text;
  }
  return "";
}

ChainOutcome rejected(int status, const std::string& code, const std::string& message) {
  ChainOutcome outcome;
  outcome.kind = ChainOutcome::Kind::Rejected;
  outcome.status = status;
  outcome.code = code;
  outcome.error = plugins::makeError(MF_ERR_INVALID, false, message);
  return outcome;
}

chat::CanonicalEvent textEvent(std::string text) {
  chat::CanonicalEvent e;
  e.type = chat::CanonicalEvent::Type::TextDelta;
  e.text = std::move(text);
  return e;
}

chat::CanonicalEvent finishEvent() {
  chat::CanonicalEvent e;
  e.type = chat::CanonicalEvent::Type::Finish;
  e.finishReason = MF_FINISH_STOP;
  return e;
}

}  // namespace

ChainOutcome ImageExecutor::execute(const ExecutionContext& context, failover::AnswerSink& sink) {
  const config::GatewayConfig& config = context.snapshot.config;
  const std::string prompt = lastUserText(context.request.chat);
  if (prompt.empty())
    return rejected(400, "invalid_request", "the image mode needs a user message to draw");

  json::Value request = json::Value::object();
  request.set("prompt", prompt);
  request.set("n", 1);
  media::MediaRequest media;
  media.requestId = context.request.requestId;
  media.keyId = context.request.keyId;
  media.mode = context.route.mode;
  media.operation = MF_MEDIA_IMAGE_GENERATE;
  media.requestJson = json::stringify(request);
  media.chain = config.media.imageChain.empty() ? context.route.chain : config.media.imageChain;
  media.catalog = &context.snapshot.engines;
  media.observer = context.observer;
  media.cancel = context.cancel;
  media.attemptTimeoutMs = config.media.attemptTimeoutMs;
  media.deadlineMs = config.media.deadlineMs;
  media::MediaAnswer answer = media_.run(media);
  if (answer.outcome.kind != ChainOutcome::Kind::Answered) {
    if (answer.outcome.kind == ChainOutcome::Kind::Rejected &&
        answer.outcome.error.code == MF_ERR_CONTENT_FILTER) {
      answer.outcome.status = 400;
      answer.outcome.code = "content_policy_violation";
    }
    return answer.outcome;
  }
  std::string why;
  std::optional<std::vector<media::GeneratedImage>> images =
      media::readImageResult(answer.resultJson, why);
  if (!images) {
    logger().error("[%s] image mode: %s answered a bad result: %s", media.requestId,
                   answer.outcome.lastEngine, why);
    ChainOutcome bad = answer.outcome;
    bad.kind = ChainOutcome::Kind::Exhausted;
    bad.error = plugins::makeError(MF_ERR_INTERNAL, false, why);
    bad.summary = answer.outcome.lastEngine + ": " + why;
    return bad;
  }
  media::GeneratedImage& image = images->front();
  const std::string id = media_.imageFiles().put({media.keyId, image.mime, std::move(image.bytes)},
                                                 std::chrono::seconds(config.media.imageUrlTtlS));
  const std::string url = config.server.publicUrl + "/v1/images/files/" + id;

  failover::RouteInfo route;
  route.engineId = answer.outcome.lastEngine;
  route.mode = context.route.mode;
  route.attempts = answer.outcome.attempts;
  if (!sink.begin(route)) {
    answer.outcome.kind = ChainOutcome::Kind::ClientGone;
    return answer.outcome;
  }
  chat::AnswerAccumulator accumulated;
  if (sink.streamsImageEvents()) {
    json::Value fields = json::Value::object();
    fields.set("url", url);
    fields.set("mime", image.mime);
    if (!image.revisedPrompt.empty()) fields.set("revised_prompt", image.revisedPrompt);
    const std::string text = json::stringify(fields);
    sink.imageEvent(text.substr(1, text.size() - 2));
  } else {
    const chat::CanonicalEvent text = textEvent("![image](" + url + ")");
    accumulated.add(text);
    if (sink.streaming()) sink.event(text);
  }
  const chat::CanonicalEvent finish = finishEvent();
  accumulated.add(finish);
  if (sink.streaming()) sink.event(finish);
  sink.end(accumulated);
  return answer.outcome;
}

}  // namespace manifold::turn
