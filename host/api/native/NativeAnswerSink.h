#pragma once

#include <Poco/Net/HTTPServerResponse.h>

#include <memory>
#include <optional>
#include <string>

#include "api/native/NativeEventWriter.h"
#include "failover/AnswerSink.h"
#include "turn/TurnRoute.h"

namespace manifold::api {

/// The native egress codec: always a typed event stream, opened when the
/// answer commits (so a failure before that is still an HTTP error).
class NativeAnswerSink : public failover::AnswerSink {
 public:
  /// `reportAttempts`: send an attempt event per failed attempt before backend.
  NativeAnswerSink(Poco::Net::HTTPServerResponse& response, turn::TurnRoute route,
                   bool reportAttempts = false);

  bool streaming() const override { return true; }
  bool begin(const failover::RouteInfo& route) override;
  bool event(const chat::CanonicalEvent& event) override;
  void end(const chat::AnswerAccumulator& answer) override;
  void abort(const mf_error& error) override;
  bool streamsTaskEvents() const override { return true; }
  bool taskEvent(const char* type, const std::string& fields) override;
  bool streamsToolEvents() const override { return true; }
  bool toolEvent(const char* type, const std::string& fields) override {
    return taskEvent(type, fields);
  }
  bool streamsImageEvents() const override { return true; }
  bool imageEvent(const std::string& fields) override { return taskEvent("image", fields); }
  bool streamsFollowUps() const override { return true; }
  bool followUpEvent(const char* type, const std::string& fields) override {
    return taskEvent(type, fields);
  }

 private:
  Poco::Net::HTTPServerResponse& response_;
  const turn::TurnRoute route_;
  const bool reportAttempts_;
  std::unique_ptr<NativeEventWriter> writer_;
  bool clientGone_ = false;
};

}  // namespace manifold::api
