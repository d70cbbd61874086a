#include "turn/Turn.h"

#include <Poco/Logger.h>
#include <Poco/Timestamp.h>

#include "turn/AfterAnswer.h"
#include "turn/CapturedAnswerSink.h"
#include "turn/ConversationStep.h"
#include "turn/OutcomeErrors.h"

namespace manifold::turn {
namespace {

using failover::ChainOutcome;

Poco::Logger& logger() {
  return Poco::Logger::get("turn");
}

int64_t nowUs() {
  return Poco::Timestamp().epochMicroseconds();
}

const char* outcomeName(TurnResult::Kind kind, int status) {
  switch (kind) {
    case TurnResult::Kind::Answered:
      return "answered";
    case TurnResult::Kind::FailedAfterCommit:
      return "failed_after_commit";
    case TurnResult::Kind::ClientGone:
      return "client_gone";
    case TurnResult::Kind::Refused:
      return status == 429 ? "rate_limited" : status < 500 ? "rejected" : "exhausted";
  }
  return "unknown";
}

TurnResult refused(TurnError error, std::optional<TurnRoute> route = std::nullopt) {
  TurnResult r;
  r.kind = TurnResult::Kind::Refused;
  r.error = std::move(error);
  r.route = std::move(route);
  return r;
}

}  // namespace

TurnResult Turn::finish(TurnResult result, const TurnRequest& request, int attempts,
                        const std::string& engineId) {
  if (result.kind == TurnResult::Kind::Refused) {
    if (result.route)
      result.error.headers.emplace_back("x-manifold-route-rule", result.route->decision.rule);
    result.error.headers.insert(result.error.headers.end(), request.responseHeaders.begin(),
                                request.responseHeaders.end());
  }
  if (TurnObserver* observer = services_.observer()) {
    TurnReport report;
    report.requestId = request.requestId;
    report.keyId = request.keyId;
    report.api = request.api;
    if (result.route) {
      report.mode = result.route->mode;
      report.target = result.route->target();
    }
    report.outcome = outcomeName(result.kind, result.error.status);
    report.status = result.kind == TurnResult::Kind::Refused ? result.error.status : 200;
    report.attempts = attempts;
    report.engineId = engineId;
    report.latencyMs = (nowUs() - startedUs_) / 1000;
    observer->finished(report);
  }
  return result;
}

TurnResult Turn::run(TurnRequest request, const SinkFactory& makeSink) {
  startedUs_ = nowUs();
  const SnapshotPtr snapshot = services_.snapshot();  // once, for the whole turn

  turn::Admitted admitted = services_.admission().admit(request, *snapshot);
  request.responseHeaders = std::move(admitted.headers);
  if (admitted.refusal) return finish(refused(std::move(*admitted.refusal)), request, 0, "");
  // Held until the turn returns, however it ends.
  const std::unique_ptr<AdmissionTicket> ticket = std::move(admitted.ticket);

  std::variant<TurnRoute, TurnError> routed =
      RouteStage(services_.taskDispatch()).route(request, *snapshot);
  if (auto* error = std::get_if<TurnError>(&routed)) {
    logger().information("[%s] not routed: %s", request.requestId, error->message);
    return finish(refused(std::move(*error)), request, 0, "");
  }
  TurnRoute route = std::move(std::get<TurnRoute>(routed));
  // The one report of the decision in the log; the API layer puts the same
  // decision in its headers and the native stream.
  logger().information("[%s] routed to %s by %s (confidence %.2f)", request.requestId,
                       route.target(), route.decision.rule, route.decision.confidence);

  if (std::optional<TurnError> refusal = services_.admission().permitRoute(request, route))
    return finish(refused(std::move(*refusal), route), request, 0, "");

  const ConversationStep conversation(services_.conversations());
  if (std::optional<TurnError> refusal = conversation.apply(request, route, *snapshot))
    return finish(refused(std::move(*refusal), route), request, 0, "");

  PrepareStage(services_.tools(), services_.memory()).prepare(request, route, *snapshot);

  const std::unique_ptr<failover::AnswerSink> clientSink = makeSink(request, route);
  // Next to the client's sink, so it keeps what the client saw.
  std::optional<ConversationSink> kept;
  if (request.conversationTurn)
    kept.emplace(*clientSink, request.conversationTurn->id, request.conversationTurn->historyTurns);
  failover::AnswerSink& keptOrClient =
      kept ? static_cast<failover::AnswerSink&>(*kept) : *clientSink;
  const ExecutionContext context{request, route, *snapshot, services_.observer(), cancel_};
  // Suggestions and the memory extractor read the answer's text; only a turn
  // that has either captures it.
  std::optional<AfterAnswer> after;
  if (const InternalCompletion* completion = services_.internalCompletion())
    if (AfterAnswer candidate(*completion, services_.memory());
        candidate.hasWork(context, *clientSink))
      after.emplace(candidate);
  std::optional<CapturedAnswerSink> captured;
  if (after) captured.emplace(keptOrClient);
  failover::AnswerSink& sink =
      captured ? static_cast<failover::AnswerSink&>(*captured) : keptOrClient;
  const ChainOutcome outcome = services_.executorFor(route).execute(context, sink);
  // A turn whose answer never began sent nothing and is not kept; any other
  // is, as it ended.
  const bool answered = outcome.kind == ChainOutcome::Kind::Answered;
  if (kept && (answered || kept->begun()))
    conversation.record(request, route, *snapshot, *kept, answered);
  if (answered && after) after->run(context, captured->answerText(), *clientSink);

  TurnResult result;
  result.route = route;
  switch (outcome.kind) {
    case ChainOutcome::Kind::Answered:
      result.kind = TurnResult::Kind::Answered;
      break;
    case ChainOutcome::Kind::FailedAfterCommit:
      result.kind = TurnResult::Kind::FailedAfterCommit;
      break;
    case ChainOutcome::Kind::ClientGone:
      logger().information("[%s] the client went away; upstream work stopped", request.requestId);
      result.kind = TurnResult::Kind::ClientGone;
      break;
    default:
      if (outcome.kind != ChainOutcome::Kind::Rejected)
        // The summary may quote providers' error bodies; the log gets the
        // version that says only what logging.include_content allows.
        logger().error("[%s] no engine could answer %s: %s", request.requestId, route.target(),
                       outcome.loggableSummary);
      result.kind = TurnResult::Kind::Refused;
      result.error = errorFor(outcome, route.target());
  }
  return finish(std::move(result), request, outcome.attempts, outcome.lastEngine);
}

}  // namespace manifold::turn
