#pragma once

#include <manifold/plugin.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "plugins/PluginLibrary.h"
#include "tools/Toolset.h"

namespace manifold::tools {

/// A Toolset over one instance of a toolset plugin. Holds its library, so
/// the plugin's code stays mapped while the instance lives. Tool names are
/// read from list_tools on each tools() call (an MCP server may change its
/// list); what the plugin gets in call_tool is its own name.
class PluginToolset : public Toolset {
 public:
  /// `id` names the instance; `configJson` is what create() gets. Throws
  /// ToolsetError when the plugin refuses to create an instance.
  PluginToolset(std::string id, std::shared_ptr<plugins::PluginLibrary> library,
                const std::string& configJson);
  ~PluginToolset() override;
  PluginToolset(const PluginToolset&) = delete;
  PluginToolset& operator=(const PluginToolset&) = delete;

  const std::string& id() const override { return id_; }
  const plugins::PluginLibrary& library() const { return *library_; }
  std::vector<ToolDefinition> tools() override;
  ToolResult call(const std::string& name, const std::string& argumentsJson) override;

 private:
  const std::string id_;
  std::shared_ptr<plugins::PluginLibrary> library_;
  mf_toolset_api api_{};
  void* handle_ = nullptr;
  std::mutex problemsMutex_;
  std::vector<std::string> loggedProblems_;  ///< said once each, not on every listing
};

}  // namespace manifold::tools
