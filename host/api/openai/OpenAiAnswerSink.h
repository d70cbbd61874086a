#pragma once

#include <Poco/Net/HTTPServerResponse.h>

#include <memory>
#include <string>

#include "api/openai/OpenAiChunkWriter.h"
#include "failover/AnswerSink.h"

namespace manifold::api {

/// The OpenAI egress codec: a chat.completion.chunk SSE stream, or one
/// chat.completion object, named for the engine that answered, with the
/// route in x-manifold-* headers.
class OpenAiAnswerSink : public failover::AnswerSink {
 public:
  OpenAiAnswerSink(Poco::Net::HTTPServerResponse& response, std::string completionId,
                   int64_t created, bool stream, bool includeUsage);

  bool streaming() const override { return stream_; }
  bool begin(const failover::RouteInfo& route) override;
  bool event(const chat::CanonicalEvent& event) override;
  void end(const chat::AnswerAccumulator& answer) override;
  void abort(const mf_error& error) override;

 private:
  Poco::Net::HTTPServerResponse& response_;
  const std::string completionId_;
  const int64_t created_;
  const bool stream_;
  const bool includeUsage_;
  std::string engineId_;
  std::unique_ptr<OpenAiChunkWriter> writer_;
  bool clientGone_ = false;
};

}  // namespace manifold::api
