#pragma once

#include <chrono>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "config/JsonSchemaValidator.h"
#include "config/ToolsConfig.h"
#include "tools/ToolDirectory.h"
#include "tools/ToolPatterns.h"
#include "tools/ToolResultCache.h"

namespace manifold::tools {

/// A toolset whose tools could not be listed (an MCP server that is down or
/// answers garbage): its tools are missing from a listing, and this says why.
struct ToolProblem {
  std::string toolset;
  std::string message;
};

struct ToolListing {
  std::vector<ToolDefinition> tools;  ///< in toolset id order, each toolset's in its own order
  std::vector<ToolProblem> problems;
  const ToolDefinition* find(const std::string& nameOrId) const;
};

/// The gateway's tools, as the live pre-step, the tool loop, /v1/mcp and the
/// MCP endpoint use them. It lists what the toolsets offer (each list reused
/// for tools.list_ttl_ms, every toolset asked at once), checks arguments
/// against a tool's JSON Schema before calling it, bounds every call by a
/// timeout (whatever the plugin does), and serves repeated calls from a
/// cache while the tool's TTL lasts. A toolset that is down or slow costs
/// only its own tools. Thread-safe.
class ToolRuntime {
 public:
  explicit ToolRuntime(ToolDirectory& directory) : directory_(directory) {}
  /// Waits, a bounded time, for calls that outlived their timeout: their
  /// plugins may still be using the host's services, which go next.
  ~ToolRuntime();
  ToolRuntime(const ToolRuntime&) = delete;
  ToolRuntime& operator=(const ToolRuntime&) = delete;

  /// The tools `allowed` lets through; only toolset `toolset` when it is set.
  ToolListing list(const ToolPatterns& allowed, const config::ToolsConfig& config,
                   const std::string& toolset = "");

  /// Calls a tool by wire name ("fx__convert") or id ("fx.convert"), when
  /// `allowed` lets it through; a tool it does not is unknown. Never throws:
  /// every failure is a ToolResult a model can read.
  ToolResult call(const std::string& nameOrId, const std::string& argumentsJson,
                  const ToolPatterns& allowed, const config::ToolsConfig& config,
                  std::chrono::milliseconds timeout);
  /// Calls a tool of a listing.
  ToolResult call(const ToolDefinition& tool, const std::string& argumentsJson,
                  const config::ToolsConfig& config, std::chrono::milliseconds timeout);

  ToolDirectory& directory() { return directory_; }

 private:
  struct ListedToolset {
    std::chrono::steady_clock::time_point expires;
    const Toolset* instance = nullptr;  ///< the instance the list came from
    std::vector<ToolDefinition> tools;
    std::string problem;
  };
  ListedToolset listOne(const std::shared_ptr<Toolset>& toolset);
  /// The schema problems of `argumentsJson` for `tool`, "" when none.
  std::string argumentProblems(const ToolDefinition& tool, const std::string& argumentsJson);

  /// Call threads still running, shared with them.
  struct CallsRunning {
    std::mutex mutex;
    std::condition_variable done;
    int count = 0;
  };

  ToolDirectory& directory_;
  const std::shared_ptr<CallsRunning> running_ = std::make_shared<CallsRunning>();
  ToolResultCache cache_;
  std::mutex mutex_;
  std::map<std::string, ListedToolset> listed_;
  std::map<std::string, std::shared_ptr<const config::JsonSchemaValidator>> validators_;
};

}  // namespace manifold::tools
