#include "turn/PrepareStage.h"

#include "chat/PromptCache.h"
#include "trust/RequestGuard.h"
#include "turn/LivePreStep.h"
#include "turn/MemoryPreStep.h"

namespace manifold::turn {

void PrepareStage::prepare(TurnRequest& request, const TurnRoute& route,
                           const RuntimeSnapshot& snapshot) const {
  const config::GatewayConfig& config = snapshot.config;
  chat::markPromptCache(request.chat, config.promptCache);
  const config::ModeConfig* mode = route.mode.empty() ? nullptr : snapshot.engines.mode(route.mode);
  if (memory_ && !route.dispatch) MemoryPreStep(*memory_).run(request, config.memory);
  const config::TrustConfig trust = mode ? mode->trust.over(config.trust) : config.trust;
  if (trust.wrapUserText || trust.stripInvisible) {  // else as the client sent it
    const trust::BoundaryMarkers markers = trust::markersFor(request.chat);
    request.chat = trust::guardRequest(std::move(request.chat), trust, markers);
  }
  if (tools_ && mode && !route.dispatch)
    request.liveSourcesEvent = LivePreStep(*tools_).run(request, *mode, config.tools);
}

}  // namespace manifold::turn
