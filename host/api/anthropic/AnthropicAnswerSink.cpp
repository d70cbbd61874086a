#include "api/anthropic/AnthropicAnswerSink.h"

#include "http/HttpReplies.h"

namespace manifold::api {

AnthropicAnswerSink::AnthropicAnswerSink(Poco::Net::HTTPServerResponse& response,
                                         std::string messageId, bool stream, bool thinking)
    : response_(response), messageId_(std::move(messageId)), stream_(stream), thinking_(thinking) {}

bool AnthropicAnswerSink::begin(const failover::RouteInfo& route) {
  http::setRouteHeaders(response_, route);
  engineId_ = route.engineId;
  if (!stream_) return true;
  writer_ = std::make_unique<AnthropicEventWriter>(http::openEventStream(response_), messageId_,
                                                   engineId_, thinking_);
  clientGone_ = !writer_->writeStart();
  return !clientGone_;
}

bool AnthropicAnswerSink::event(const chat::CanonicalEvent& event) {
  if (clientGone_ || !writer_) return false;
  clientGone_ = !writer_->writeEvent(event);
  return !clientGone_;
}

void AnthropicAnswerSink::end(const chat::AnswerAccumulator& answer) {
  if (writer_) {
    if (!clientGone_) writer_->writeFinish(answer);
    return;
  }
  const std::string json =
      AnthropicEventWriter::messageJson(messageId_, engineId_, answer, thinking_);
  response_.setContentType("application/json");
  response_.setContentLength(static_cast<std::streamsize>(json.size()));
  response_.send() << json;
}

void AnthropicAnswerSink::abort(const mf_error& error) {
  if (writer_ && !clientGone_) writer_->writeError(error);
}

}  // namespace manifold::api
