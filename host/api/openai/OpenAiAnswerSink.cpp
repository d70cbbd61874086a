#include "api/openai/OpenAiAnswerSink.h"

#include "http/HttpReplies.h"

namespace manifold::api {

OpenAiAnswerSink::OpenAiAnswerSink(Poco::Net::HTTPServerResponse& response,
                                   std::string completionId, int64_t created, bool stream,
                                   bool includeUsage)
    : response_(response),
      completionId_(std::move(completionId)),
      created_(created),
      stream_(stream),
      includeUsage_(includeUsage) {}

bool OpenAiAnswerSink::begin(const failover::RouteInfo& route) {
  http::setRouteHeaders(response_, route);
  engineId_ = route.engineId;
  if (!stream_) return true;
  writer_ = std::make_unique<OpenAiChunkWriter>(http::openEventStream(response_), completionId_,
                                                engineId_, created_);
  clientGone_ = !writer_->writeRole();
  return !clientGone_;
}

bool OpenAiAnswerSink::event(const chat::CanonicalEvent& event) {
  if (clientGone_ || !writer_) return false;
  clientGone_ = !writer_->writeEvent(event);
  return !clientGone_;
}

void OpenAiAnswerSink::end(const chat::AnswerAccumulator& answer) {
  if (writer_) {
    if (!clientGone_)
      writer_->writeFinish(answer.finishReason(), includeUsage_ ? &answer : nullptr);
    return;
  }
  const std::string json =
      OpenAiChunkWriter::completionJson(completionId_, engineId_, created_, answer);
  response_.setContentType("application/json");
  response_.setContentLength(static_cast<std::streamsize>(json.size()));
  response_.send() << json;
}

void OpenAiAnswerSink::abort(const mf_error& error) {
  if (writer_ && !clientGone_) writer_->writeError(error);
}

}  // namespace manifold::api
