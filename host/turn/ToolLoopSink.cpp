#include "turn/ToolLoopSink.h"

#include <algorithm>

namespace manifold::turn {
namespace {

using Type = chat::CanonicalEvent::Type;

chat::CanonicalEvent textEvent(Type type, const std::string& text) {
  chat::CanonicalEvent e;
  e.type = type;
  e.text = text;
  return e;
}

void addUp(int64_t& sum, int64_t value) {
  if (value < 0) return;
  sum = (sum < 0 ? 0 : sum) + value;
}

}  // namespace

bool ToolLoopSink::begin(const failover::RouteInfo& route) {
  route_ = route;
  return !clientGone_;
}

bool ToolLoopSink::beginClient() {
  begun_ = true;
  if (!client_.begin(route_)) return !(clientGone_ = true);
  for (const auto& [type, fields] : queued_)
    if (!client_.toolEvent(type.c_str(), fields)) return !(clientGone_ = true);
  queued_.clear();
  return true;
}

bool ToolLoopSink::isGatewayCall(const chat::CanonicalEvent& e) {
  if (e.type != Type::ToolCallDelta) return false;
  if (std::find(stepGatewayCalls_.begin(), stepGatewayCalls_.end(), e.toolIndex) !=
      stepGatewayCalls_.end())
    return true;
  if (e.toolName.empty() || !isGatewayTool_(e.toolName)) return false;
  stepGatewayCalls_.push_back(e.toolIndex);
  return true;
}

bool ToolLoopSink::event(const chat::CanonicalEvent& e) {
  if (clientGone_) return false;
  // The client's sink reads finish and usage from the answer end() gives it.
  if (e.type == Type::Usage || e.type == Type::Finish || isGatewayCall(e)) return true;
  if (!e.isContent() && !begun_) return true;
  if (!begun_ && !beginClient()) return false;
  if (!client_.event(e)) clientGone_ = true;
  return !clientGone_;
}

void ToolLoopSink::end(const chat::AnswerAccumulator& answer) {
  step_ = answer;
}

void ToolLoopSink::abort(const mf_error& error) {
  fail(error);
}

void ToolLoopSink::fail(const mf_error& error) {
  if (begun_ && !clientGone_) client_.abort(error);
}

bool ToolLoopSink::toolEvent(const char* type, const std::string& fields) {
  if (clientGone_) return false;
  if (!client_.streamsToolEvents()) return true;
  if (!begun_) {
    queued_.emplace_back(type, fields);
    return true;
  }
  if (!client_.toolEvent(type, fields)) clientGone_ = true;
  return !clientGone_;
}

void ToolLoopSink::startStep() {
  step_ = chat::AnswerAccumulator();
  stepGatewayCalls_.clear();
}

void ToolLoopSink::keepStep() {
  if (!step_.text().empty()) merged_.add(textEvent(Type::TextDelta, step_.text()));
  if (!step_.reasoning().empty()) merged_.add(textEvent(Type::ReasoningDelta, step_.reasoning()));
  for (const auto& [index, call] : step_.toolCalls()) {
    if (isGatewayTool_(call.name)) continue;
    chat::CanonicalEvent e = textEvent(Type::ToolCallDelta, call.arguments);
    e.toolIndex = nextToolIndex_++;
    e.toolCallId = call.id;
    e.toolName = call.name;
    merged_.add(e);
  }
  if (step_.hasUsage()) {
    const chat::CanonicalEvent& u = step_.usage();
    if (!hasUsage_) usage_.type = Type::Usage;
    hasUsage_ = true;
    addUp(usage_.promptTokens, u.promptTokens);
    addUp(usage_.completionTokens, u.completionTokens);
    addUp(usage_.cachedTokens, u.cachedTokens);
    addUp(usage_.reasoningTokens, u.reasoningTokens);
    addUp(usage_.cacheWriteTokens, u.cacheWriteTokens);
  }
  lastFinish_ = step_.finishReason();
}

bool ToolLoopSink::finish() {
  if (clientGone_) return false;
  if (!begun_ && !beginClient()) return false;
  if (hasUsage_) merged_.add(usage_);
  if (lastFinish_ != 0) {
    chat::CanonicalEvent finish;
    finish.type = Type::Finish;
    finish.finishReason = lastFinish_;
    merged_.add(finish);
  }
  client_.end(merged_);
  return true;
}

}  // namespace manifold::turn
