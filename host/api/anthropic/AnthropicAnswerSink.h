#pragma once

#include <Poco/Net/HTTPServerResponse.h>

#include <memory>
#include <string>

#include "api/anthropic/AnthropicEventWriter.h"
#include "failover/AnswerSink.h"

namespace manifold::api {

/// The Anthropic egress codec: a Messages event stream or one message
/// object, named for the engine that answered, with the route in
/// x-manifold-* headers.
class AnthropicAnswerSink : public failover::AnswerSink {
 public:
  AnthropicAnswerSink(Poco::Net::HTTPServerResponse& response, std::string messageId, bool stream,
                      bool thinking);

  bool streaming() const override { return stream_; }
  bool begin(const failover::RouteInfo& route) override;
  bool event(const chat::CanonicalEvent& event) override;
  void end(const chat::AnswerAccumulator& answer) override;
  void abort(const mf_error& error) override;

 private:
  Poco::Net::HTTPServerResponse& response_;
  const std::string messageId_;
  const bool stream_;
  const bool thinking_;
  std::string engineId_;
  std::unique_ptr<AnthropicEventWriter> writer_;
  bool clientGone_ = false;
};

}  // namespace manifold::api
