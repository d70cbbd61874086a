#include "api/native/NativeChatCodec.h"

#include "api/native/NativeAnswerSink.h"
#include "api/openai/OpenAiRequestParser.h"

namespace manifold::api {

std::optional<chat::ChatRequest> NativeChatCodec::parse(std::string_view body,
                                                        RequestProblem& problem) {
  std::optional<chat::ChatRequest> request =
      OpenAiRequestParser(/*modelRequired=*/false).parse(body, problem);
  if (!request) return std::nullopt;
  // The body parsed once already; "mode" and "report_attempts" are the fields
  // the OpenAI shape lacks.
  const json::Value root =
      json::parse(body, nullptr, OpenAiRequestParser::kMaxDepth).value_or(json::Value());
  const json::Value& mode = root["mode"];
  if (!mode.isNull() && !mode.isString()) {
    problem = {"mode must be a string: a mode, a plugin intent or \"auto\"", "mode"};
    return std::nullopt;
  }
  if (mode.isString()) mode_ = mode.asString();
  const json::Value& reportAttempts = root["report_attempts"];
  if (!reportAttempts.isNull() && !reportAttempts.isBool()) {
    problem = {"report_attempts must be true or false", "report_attempts"};
    return std::nullopt;
  }
  reportAttempts_ = reportAttempts.isBool() && reportAttempts.asBool();
  const json::Value& id = root["conversation_id"];
  const json::Value& start = root["conversation"];
  if (!id.isNull() && (!id.isString() || id.asString().empty())) {
    problem = {"conversation_id must be a conversation's id, a non-empty string",
               "conversation_id"};
    return std::nullopt;
  }
  if (!start.isNull() && !start.isBool()) {
    problem = {"conversation must be true (start one) or false (keep none)", "conversation"};
    return std::nullopt;
  }
  if (id.isString())
    conversation_ = id.asString();
  else if (start.isBool())
    conversation_ = start.asBool() ? "new" : "";
  request->stream = true;
  request->includeUsage = true;
  return request;
}

std::unique_ptr<failover::AnswerSink> NativeChatCodec::answerSink(
    Poco::Net::HTTPServerResponse& response, const chat::ChatRequest& /*request*/,
    const std::string& /*requestId*/, const turn::TurnRoute& route) {
  return std::make_unique<NativeAnswerSink>(response, route, reportAttempts_);
}

}  // namespace manifold::api
