#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "failover/AnswerSink.h"

namespace manifold::turn {

/// Stands between the chain walk and the client's sink while the tool loop
/// runs. A model's call of a gateway tool is internal: it and its step's
/// finish and usage never reach the client, and the client's answer begins
/// only with the first visible content (text, reasoning, a call of one of
/// the client's own tools), so nothing is committed before it. Tool events
/// wait for that moment too, then go first. Every step's visible content
/// goes to the client as it comes; the client's answer ends once, with the
/// last step's finish reason and every step's usage added up.
class ToolLoopSink : public failover::AnswerSink {
 public:
  using IsGatewayTool = std::function<bool(const std::string& toolName)>;
  ToolLoopSink(failover::AnswerSink& client, IsGatewayTool isGatewayTool)
      : client_(client), isGatewayTool_(std::move(isGatewayTool)) {}

  bool streaming() const override { return client_.streaming(); }
  bool begin(const failover::RouteInfo& route) override;
  bool event(const chat::CanonicalEvent& event) override;
  void end(const chat::AnswerAccumulator& answer) override;
  void abort(const mf_error& error) override;
  bool streamsToolEvents() const override { return client_.streamsToolEvents(); }
  /// Queued until the client's answer begins.
  bool toolEvent(const char* type, const std::string& fields) override;

  /// A new model step begins.
  void startStep();
  /// What the step's model answered (all of it, gateway tool calls included).
  const chat::AnswerAccumulator& stepAnswer() const { return step_; }
  /// Adds the step's visible part to the client's answer: text, reasoning,
  /// the client's tool calls, usage.
  void keepStep();
  /// Ends the client's answer (beginning it first if nothing visible came).
  /// Returns false when the client has gone away.
  bool finish();
  /// The client's answer began, and a later failure must end it explicitly.
  bool clientBegun() const { return begun_; }
  /// Ends a begun answer with an error.
  void fail(const mf_error& error);
  bool clientGone() const { return clientGone_; }

 private:
  bool beginClient();
  bool isGatewayCall(const chat::CanonicalEvent& event);

  failover::AnswerSink& client_;
  IsGatewayTool isGatewayTool_;
  failover::RouteInfo route_;
  bool begun_ = false;
  bool clientGone_ = false;
  std::vector<std::pair<std::string, std::string>> queued_;  ///< tool events before begin
  std::vector<int32_t> stepGatewayCalls_;
  chat::AnswerAccumulator step_;
  chat::AnswerAccumulator merged_;
  chat::CanonicalEvent usage_;
  bool hasUsage_ = false;
  int32_t lastFinish_ = 0;
  int32_t nextToolIndex_ = 0;
};

}  // namespace manifold::turn
