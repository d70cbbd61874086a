#include "http/OpenAiChatCodec.h"

#include <Poco/Timestamp.h>

#include "http/OpenAiAnswerSink.h"
#include "ingress/OpenAiRequestParser.h"

namespace manifold::http {

std::optional<chat::ChatRequest> OpenAiChatCodec::parse(std::string_view body,
                                                        ingress::RequestProblem& problem) {
  return ingress::OpenAiRequestParser().parse(body, problem);
}

std::unique_ptr<failover::AnswerSink> OpenAiChatCodec::answerSink(
    Poco::Net::HTTPServerResponse& response, const chat::ChatRequest& request,
    const std::string& requestId, const RouteChoice& /*route: reported in headers*/) {
  return std::make_unique<OpenAiAnswerSink>(response, "chatcmpl-" + requestId,
                                            Poco::Timestamp().epochTime(), request.stream,
                                            request.includeUsage);
}

}  // namespace manifold::http
