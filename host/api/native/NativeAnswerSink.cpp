#include "api/native/NativeAnswerSink.h"

#include "http/HttpReplies.h"

namespace manifold::api {

NativeAnswerSink::NativeAnswerSink(Poco::Net::HTTPServerResponse& response, turn::TurnRoute route,
                                   bool reportAttempts)
    : response_(response), route_(std::move(route)), reportAttempts_(reportAttempts) {}

bool NativeAnswerSink::begin(const failover::RouteInfo& route) {
  http::setRouteHeaders(response_, route);
  writer_ = std::make_unique<NativeEventWriter>(http::openEventStream(response_));
  clientGone_ = route_.routed && !writer_->writeAutoRouted(route_.decision, route_.mode);
  if (reportAttempts_)
    for (const failover::EarlierAttempt& attempt : route.earlier)
      clientGone_ = clientGone_ || !writer_->writeAttempt(attempt);
  clientGone_ = clientGone_ || !writer_->writeBackend(route);
  return !clientGone_;
}

bool NativeAnswerSink::event(const chat::CanonicalEvent& event) {
  if (clientGone_ || !writer_) return false;
  clientGone_ = !writer_->writeEvent(event);
  return !clientGone_;
}

void NativeAnswerSink::end(const chat::AnswerAccumulator& answer) {
  if (writer_ && !clientGone_) writer_->writeDone(answer);
}

bool NativeAnswerSink::taskEvent(const char* type, const std::string& fields) {
  if (clientGone_ || !writer_) return false;
  clientGone_ = !writer_->writeTyped(type, fields);
  return !clientGone_;
}

void NativeAnswerSink::abort(const mf_error& error) {
  if (writer_ && !clientGone_) writer_->writeError(error);
}

}  // namespace manifold::api
