#pragma once

#include <manifold/plugin.hpp>

#include <functional>
#include <string>
#include <string_view>

namespace toolcommon {

/// Runs one tool call and logs its failure through the host, naming the
/// tool and the cause ("fx.convert failed: unknown currency 'XYZ'..."), then
/// rethrows it unchanged so the host returns it as the tool error.
std::string runLogged(const manifold::Host& host, std::string_view pluginId, std::string_view tool,
                      const std::function<std::string()>& call);

/// MF_ERR_NOT_FOUND: "<plugin> has no tool '<name>'; it has: a, b, c".
[[noreturn]] void unknownTool(std::string_view pluginId, std::string_view name,
                              std::string_view known);

}  // namespace toolcommon
