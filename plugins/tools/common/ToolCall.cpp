#include "common/ToolCall.h"

namespace toolcommon {

std::string runLogged(const manifold::Host& host, std::string_view pluginId, std::string_view tool,
                      const std::function<std::string()>& call) {
  const std::string where = std::string(pluginId) + "." + std::string(tool);
  try {
    return call();
  } catch (const manifold::Error& e) {
    host.warn(where + " failed: " + e.what());
    throw;
  } catch (const std::exception& e) {
    host.error(where + " failed: " + e.what());
    throw manifold::Error(MF_ERR_INTERNAL, where + ": " + e.what());
  }
}

void unknownTool(std::string_view pluginId, std::string_view name, std::string_view known) {
  throw manifold::Error(MF_ERR_NOT_FOUND, std::string(pluginId) + " has no tool '" +
                                              std::string(name) +
                                              "'; it has: " + std::string(known));
}

}  // namespace toolcommon
