#include "api/openai/OpenAiChatCodec.h"

#include <Poco/Timestamp.h>

#include "api/openai/OpenAiAnswerSink.h"
#include "api/openai/OpenAiRequestParser.h"

namespace manifold::api {

std::optional<chat::ChatRequest> OpenAiChatCodec::parse(std::string_view body,
                                                        RequestProblem& problem) {
  return OpenAiRequestParser().parse(body, problem);
}

std::unique_ptr<failover::AnswerSink> OpenAiChatCodec::answerSink(
    Poco::Net::HTTPServerResponse& response, const chat::ChatRequest& request,
    const std::string& requestId, const turn::TurnRoute& /*route: reported in headers*/) {
  return std::make_unique<OpenAiAnswerSink>(response, "chatcmpl-" + requestId,
                                            Poco::Timestamp().epochTime(), request.stream,
                                            request.includeUsage);
}

}  // namespace manifold::api
