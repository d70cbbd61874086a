#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "config/ToolsConfig.h"
#include "plugins/PluginManager.h"
#include "tools/Toolset.h"

namespace manifold::tools {

/// The toolset instances in force: one per loaded toolset plugin (its id is
/// the plugin id, its settings `plugins.settings.<id>`), and one of the MCP
/// bridge plugin ("mcp") per configured MCP server (its id is the server's).
/// Follows the plugin folder and the config: a plugin loaded, replaced or
/// removed, or a server added or changed by a reload, is picked up at the
/// next lookup. Calls in flight keep their old instance.
class ToolDirectory {
 public:
  /// A toolset that would not start, and why (for /admin and tool errors).
  struct Broken {
    std::string id;
    std::string reason;
  };

  ToolDirectory(const plugins::PluginDirectory& plugins,
                std::map<std::string, std::string> settingsJson);

  /// The MCP servers in force; called at start and on every reload.
  void setMcpServers(const std::vector<config::McpServerConfig>& servers);

  std::shared_ptr<Toolset> find(const std::string& id);
  std::vector<std::shared_ptr<Toolset>> all();
  std::vector<Broken> broken();

  /// The plugin id of the MCP bridge.
  static constexpr const char* kMcpPlugin = "mcp";

 private:
  struct Spec {
    std::string plugin;
    std::string configJson;
    std::string problem;  ///< set when the spec itself cannot be made (a missing secret)
    bool operator==(const Spec& o) const {
      return plugin == o.plugin && configJson == o.configJson && problem == o.problem;
    }
  };
  struct Instance {
    std::shared_ptr<Toolset> toolset;
    Spec spec;
    const plugins::PluginLibrary* library = nullptr;
  };
  void refresh();
  std::map<std::string, Spec> specs() const;

  const plugins::PluginDirectory& plugins_;
  const std::map<std::string, std::string> settingsJson_;
  std::mutex mutex_;
  std::map<std::string, Spec> mcpSpecs_;
  uint64_t pluginGeneration_ = UINT64_MAX;
  uint64_t specGeneration_ = 0;
  uint64_t builtSpecGeneration_ = UINT64_MAX;
  std::map<std::string, Instance> instances_;
  std::vector<Broken> broken_;
};

/// What the MCP bridge's create() gets for one server: its id, URL,
/// protocol, timeout, and the auth header with the secret read from the
/// environment or the file. Throws ToolsetError when the secret is missing.
std::string mcpInstanceConfig(const config::McpServerConfig& server);

}  // namespace manifold::tools
