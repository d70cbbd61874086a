#include "http/NativeAnswerSink.h"

#include "http/HttpReplies.h"

namespace manifold::http {

NativeAnswerSink::NativeAnswerSink(Poco::Net::HTTPServerResponse& response, RouteChoice route)
    : response_(response), route_(std::move(route)) {}

bool NativeAnswerSink::begin(const failover::RouteInfo& route) {
  setRouteHeaders(response_, route);
  writer_ = std::make_unique<NativeEventWriter>(openEventStream(response_));
  clientGone_ = (route_.decision && !writer_->writeAutoRouted(*route_.decision, route_.mode)) ||
                !writer_->writeBackend(route);
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

void NativeAnswerSink::abort(const mf_error& error) {
  if (writer_ && !clientGone_) writer_->writeError(error);
}

}  // namespace manifold::http
