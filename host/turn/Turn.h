#pragma once

#include <functional>
#include <memory>
#include <optional>

#include "failover/AnswerSink.h"
#include "turn/PrepareStage.h"
#include "turn/RouteStage.h"
#include "turn/TurnServices.h"

namespace manifold::turn {

/// How a turn ended, for the API layer that started it.
struct TurnResult {
  enum class Kind {
    Answered,           ///< the sink has the whole answer
    FailedAfterCommit,  ///< the sink was told; nothing more to send
    ClientGone,         ///< nobody is listening
    Refused,            ///< nothing was sent: answer with `error`
  };
  Kind kind = Kind::Refused;
  TurnError error;                 ///< when Refused
  std::optional<TurnRoute> route;  ///< once the route stage decided
};

/// Makes the answer sink once the route is known (the native API reports
/// the route in its stream).
using SinkFactory =
    std::function<std::unique_ptr<failover::AnswerSink>(const TurnRequest&, const TurnRoute&)>;

/// One request, from the canonical request to its last event, through the
/// stages in order: admit, route, prepare, execute, observe. It knows no
/// socket and no HTTP: the API layer gives it a cancellation token and a
/// sink, and turns a refusal into its own error shape. It takes the config
/// snapshot once, at its start, and holds it to its end.
class Turn {
 public:
  Turn(TurnServices& services, const upstream::CancellationToken* cancel)
      : services_(services), cancel_(cancel) {}

  TurnResult run(TurnRequest request, const SinkFactory& makeSink);

 private:
  TurnResult finish(TurnResult result, const TurnRequest& request, int attempts,
                    const std::string& engineId);

  TurnServices& services_;
  const upstream::CancellationToken* cancel_;
  int64_t startedUs_ = 0;
};

}  // namespace manifold::turn
