#include "turn/MemoryPreStep.h"

#include <Poco/Logger.h>

#include <stdexcept>

#include "chat/MessageText.h"
#include "memory/MemoryContext.h"
#include "memory/MemoryUpdates.h"
#include "trust/RequestGuard.h"

namespace manifold::turn {

size_t MemoryPreStep::run(TurnRequest& request, const config::MemoryConfig& config) const {
  if (!config.enabled) return 0;
  Poco::Logger& log = Poco::Logger::get("memory");
  const std::string& user = request.chat.user;
  try {
    if (config.rules) {
      const int changed =
          memory::applyFactChanges(store_, request.keyId, user,
                                   memory::readFactRules(chat::lastUserText(request.chat)), "rule");
      if (changed > 0)
        log.information("[%s] memory rules changed %d fact(s)", request.requestId, changed);
    }
    const size_t given = memory::injectMemory(request.chat, store_.list(request.keyId, user),
                                              config.budgetChars, trust::markersFor(request.chat));
    if (given > 0) log.debug("[%s] %z remembered fact(s) given", request.requestId, given);
    return given;
  } catch (const std::exception& e) {
    log.error("[%s] memory left out: the memory store failed: %s", request.requestId,
              std::string(e.what()));
    return 0;
  }
}

}  // namespace manifold::turn
