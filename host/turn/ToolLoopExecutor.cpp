#include "turn/ToolLoopExecutor.h"

#include <Poco/Logger.h>

#include <algorithm>
#include <set>

#include "tools/CallAll.h"
#include "tools/ToolEvents.h"
#include "tools/ToolFence.h"
#include "trust/RequestGuard.h"
#include "turn/ChainExecutor.h"

namespace manifold::turn {
namespace {

using Clock = std::chrono::steady_clock;
using failover::ChainOutcome;

Poco::Logger& logger() {
  return Poco::Logger::get("tools");
}

chat::ToolSpec specOf(const tools::ToolDefinition& tool) {
  chat::ToolSpec spec;
  spec.name = tool.wireName;
  spec.description = tool.description;
  if (std::optional<json::Value> parameters = json::parse(tool.parametersJson))
    spec.parameters = std::move(*parameters);
  return spec;
}

const tools::ToolDefinition* findTool(const std::vector<tools::ToolDefinition>& offer,
                                      const std::string& wireName) {
  for (const tools::ToolDefinition& tool : offer)
    if (tool.wireName == wireName) return &tool;
  return nullptr;
}

}  // namespace

std::vector<tools::ToolDefinition> ToolLoopExecutor::offered(
    const ExecutionContext& context) const {
  const config::ModeConfig* mode = context.snapshot.engines.mode(context.route.mode);
  if (!tools_ || !mode || mode->tools.empty()) return {};
  std::set<std::string> clientNames;
  for (const chat::ToolSpec& spec : context.request.chat.tools) clientNames.insert(spec.name);
  const tools::ToolPatterns modeAllows(mode->tools);
  std::vector<tools::ToolDefinition> offer;
  const tools::ToolListing listing = tools_->runtime().list(
      tools_->allowedFor(context.request.keyId), context.snapshot.config.tools);
  for (const tools::ToolProblem& problem : listing.problems)
    logger().warning("[%s] tools of %s are not offered: %s", context.request.requestId,
                     problem.toolset, problem.message);
  for (const tools::ToolDefinition& tool : listing.tools) {
    if (!modeAllows.allows(tool)) continue;
    if (clientNames.count(tool.wireName)) {
      logger().warning("[%s] gateway tool %s not offered: the client's own tool has its name",
                       context.request.requestId, tool.wireName);
      continue;
    }
    offer.push_back(tool);
  }
  return offer;
}

void ToolLoopExecutor::runCalls(const ExecutionContext& context,
                                const std::vector<tools::ToolDefinition>& offer, int step,
                                ToolLoopSink& loop, chat::ChatRequest& chat,
                                Clock::time_point turnDeadline) const {
  const chat::AnswerAccumulator& answer = loop.stepAnswer();
  const config::ToolsConfig& config = context.snapshot.config.tools;
  chat::ChatMessage assistant;
  assistant.role = "assistant";
  if (!answer.text().empty())
    assistant.content.push_back({chat::ContentPart::Kind::Text, answer.text(), "", ""});
  std::vector<chat::ToolCall> calls;
  for (const auto& [index, call] : answer.toolCalls()) {
    calls.push_back(
        {call.id.empty() ? "call_" + std::to_string(step) + "_" + std::to_string(index) : call.id,
         call.name, call.arguments});
    loop.toolEvent("tool_call",
                   tools::toolCallFields(index, calls.back().id, call.name, call.arguments, step));
  }
  assistant.toolCalls = calls;
  chat.messages.push_back(std::move(assistant));

  const std::vector<tools::ToolResult> results = tools::callAll(calls.size(), [&](size_t i) {
    const chat::ToolCall& call = calls[i];
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(turnDeadline - Clock::now());
    if (left.count() <= 0)
      return tools::ToolResult::failure(
          MF_ERR_TIMEOUT,
          "the turn's time for tools (" + std::to_string(config.turnTimeoutMs) + " ms) is spent");
    const tools::ToolDefinition* tool = findTool(offer, call.name);
    if (!tool)
      return tools::ToolResult::failure(MF_ERR_NOT_FOUND, "unknown tool \"" + call.name +
                                                              "\"; the tools are " +
                                                              "the ones offered in this request");
    return tools_->runtime().call(*tool, call.arguments, config,
                                  std::min(left, std::chrono::milliseconds(config.callTimeoutMs)));
  });

  const trust::BoundaryMarkers markers = trust::markersFor(chat);
  for (size_t i = 0; i < calls.size(); ++i) {
    const tools::ToolResult& result = results[i];
    if (!result.ok)
      logger().information("[%s] tool call %s failed: %s", context.request.requestId, calls[i].name,
                           result.message);
    loop.toolEvent("tool_result",
                   tools::toolResultFields(calls[i].id, calls[i].name, result, step));
    tools::ToolDefinition named;
    named.wireName = calls[i].name;
    const tools::ToolDefinition* tool = findTool(offer, calls[i].name);
    chat::ChatMessage message;
    message.role = "tool";
    message.toolCallId = calls[i].id;
    message.content.push_back(
        {chat::ContentPart::Kind::Text,
         tools::fenceToolResult(tool ? *tool : named, result, markers, config.maxResultChars), "",
         ""});
    chat.messages.push_back(std::move(message));
  }
  trust::explainBoundaryMarkers(chat);
}

ChainOutcome ToolLoopExecutor::execute(const ExecutionContext& context,
                                       failover::AnswerSink& sink) {
  const std::vector<tools::ToolDefinition> offer = offered(context);
  const std::string& sources = context.request.liveSourcesEvent;
  if (offer.empty() && sources.empty())
    return failover_.run(ChainExecutor::chainRequestFor(context, context.request.chat), sink);

  // Every call that is not of one of the client's own tools is the
  // gateway's to answer: an unknown tool too, which gets a tool error.
  std::set<std::string> clientNames;
  for (const chat::ToolSpec& spec : context.request.chat.tools) clientNames.insert(spec.name);
  // Without gateway tools on offer (a live pre-step alone), every call is the client's.
  const bool offers = !offer.empty();
  const ToolLoopSink::IsGatewayTool isGatewayTool = [&clientNames,
                                                     offers](const std::string& name) {
    return offers && clientNames.count(name) == 0;
  };
  ToolLoopSink loop(sink, isGatewayTool);
  if (!sources.empty()) loop.toolEvent("sources", sources);

  const config::ModeConfig* mode = context.snapshot.engines.mode(context.route.mode);
  const config::ToolsConfig& config = context.snapshot.config.tools;
  const int maxSteps = mode && mode->maxToolSteps >= 0 ? mode->maxToolSteps : config.maxToolSteps;
  const Clock::time_point turnDeadline =
      Clock::now() + std::chrono::milliseconds(config.turnTimeoutMs);
  chat::ChatRequest chat = context.request.chat;
  const std::vector<chat::ToolSpec> clientTools = chat.tools;
  int attempts = 0;
  for (int step = 1;; ++step) {
    const bool offering = !offer.empty() && step <= maxSteps;
    chat.tools = clientTools;
    if (offering)
      for (const tools::ToolDefinition& tool : offer) chat.tools.push_back(specOf(tool));
    failover::ChainRequest request = ChainExecutor::chainRequestFor(context, chat);
    request.isGatewayTool = isGatewayTool;
    loop.startStep();
    ChainOutcome outcome = failover_.run(request, loop);
    attempts += outcome.attempts;
    outcome.attempts = attempts;
    if (outcome.kind != ChainOutcome::Kind::Answered) {
      // Earlier steps' content already reached the client: end it explicitly.
      if (loop.clientBegun() && outcome.kind != ChainOutcome::Kind::ClientGone &&
          outcome.kind != ChainOutcome::Kind::FailedAfterCommit) {
        loop.fail(outcome.error);
        outcome.kind = ChainOutcome::Kind::FailedAfterCommit;
      }
      return outcome;
    }
    bool gatewayCalls = false, clientCalls = false;
    for (const auto& [index, call] : loop.stepAnswer().toolCalls())
      (isGatewayTool(call.name) ? gatewayCalls : clientCalls) = true;
    loop.keepStep();
    if (!gatewayCalls || clientCalls || !offering) {
      if (gatewayCalls)
        logger().warning("[%s] the model's calls of gateway tools were dropped: %s",
                         context.request.requestId,
                         std::string(clientCalls ? "it called the client's tools too"
                                                 : "no tool steps were left"));
      if (!loop.finish()) outcome.kind = ChainOutcome::Kind::ClientGone;
      return outcome;
    }
    runCalls(context, offer, step, loop, chat, turnDeadline);
    if (loop.clientGone() || (context.cancel && context.cancel->cancelled())) {
      outcome.kind = ChainOutcome::Kind::ClientGone;
      return outcome;
    }
  }
}

}  // namespace manifold::turn
