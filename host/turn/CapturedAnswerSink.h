#pragma once

#include <string>

#include "failover/AnswerSink.h"

namespace manifold::turn {

/// Passes everything on to the client's sink and keeps the text of the
/// answer that ended, for what the turn does after it (suggestions, the
/// memory extractor).
class CapturedAnswerSink : public failover::AnswerSink {
 public:
  explicit CapturedAnswerSink(failover::AnswerSink& inner) : inner_(inner) {}

  /// The text of the answer, once end() was called; "" before.
  const std::string& answerText() const { return text_; }
  failover::AnswerSink& inner() { return inner_; }

  bool streaming() const override { return inner_.streaming(); }
  bool begin(const failover::RouteInfo& route) override { return inner_.begin(route); }
  bool event(const chat::CanonicalEvent& event) override { return inner_.event(event); }
  void end(const chat::AnswerAccumulator& answer) override;
  void abort(const mf_error& error) override { inner_.abort(error); }
  bool streamsTaskEvents() const override { return inner_.streamsTaskEvents(); }
  bool taskEvent(const char* type, const std::string& fields) override {
    return inner_.taskEvent(type, fields);
  }
  bool streamsToolEvents() const override { return inner_.streamsToolEvents(); }
  bool toolEvent(const char* type, const std::string& fields) override {
    return inner_.toolEvent(type, fields);
  }
  bool streamsImageEvents() const override { return inner_.streamsImageEvents(); }
  bool imageEvent(const std::string& fields) override { return inner_.imageEvent(fields); }
  bool streamsFollowUps() const override { return inner_.streamsFollowUps(); }
  bool followUpEvent(const char* type, const std::string& fields) override {
    return inner_.followUpEvent(type, fields);
  }

 private:
  failover::AnswerSink& inner_;
  std::string text_;
};

}  // namespace manifold::turn
