#include "tools/ToolDirectory.h"

#include <Poco/Environment.h>
#include <Poco/Logger.h>
#include <Poco/String.h>

#include <manifold/json.hpp>

#include <fstream>

#include "tools/PluginToolset.h"

namespace manifold::tools {
namespace {

Poco::Logger& logger() {
  return Poco::Logger::get("tools");
}

std::string readSecret(const config::McpServerConfig& server) {
  if (!server.secretEnv.empty()) {
    if (!Poco::Environment::has(server.secretEnv))
      throw ToolsetError("MCP server " + server.id + ": its secret variable " + server.secretEnv +
                         " is not set");
    return Poco::trim(Poco::Environment::get(server.secretEnv));
  }
  std::ifstream in(server.secretFile);
  if (!in)
    throw ToolsetError("MCP server " + server.id + ": cannot read its secret file " +
                       server.secretFile);
  std::string line;
  std::getline(in, line);
  return Poco::trim(line);
}

}  // namespace

std::string mcpInstanceConfig(const config::McpServerConfig& server) {
  json::Value config = json::Value::object();
  config.set("id", server.id);
  config.set("url", server.url);
  config.set("protocol", server.protocol);
  config.set("timeout_ms", static_cast<int64_t>(server.timeoutMs));
  json::Value headers = json::Value::object();
  if (!server.secretEnv.empty() || !server.secretFile.empty()) {
    const std::string secret = readSecret(server);
    headers.set(server.authHeader,
                server.authScheme.empty() ? secret : server.authScheme + " " + secret);
  }
  config.set("headers", std::move(headers));
  return json::stringify(config);
}

ToolDirectory::ToolDirectory(const plugins::PluginDirectory& plugins,
                             std::map<std::string, std::string> settingsJson)
    : plugins_(plugins), settingsJson_(std::move(settingsJson)) {}

void ToolDirectory::setMcpServers(const std::vector<config::McpServerConfig>& servers) {
  std::map<std::string, Spec> next;
  for (const config::McpServerConfig& server : servers) {
    Spec spec{kMcpPlugin, "", ""};
    try {
      spec.configJson = mcpInstanceConfig(server);
    } catch (const ToolsetError& e) {
      spec.problem = e.what();
    }
    next[server.id] = std::move(spec);
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (next == mcpSpecs_) return;
  mcpSpecs_ = std::move(next);
  ++specGeneration_;
}

// Called under mutex_.
std::map<std::string, ToolDirectory::Spec> ToolDirectory::specs() const {
  std::map<std::string, Spec> out = mcpSpecs_;
  for (const auto& library : plugins_.snapshot().loaded) {
    if (!library->toolsetApi() || library->id() == kMcpPlugin) continue;
    const auto settings = settingsJson_.find(library->id());
    Spec spec{library->id(), settings == settingsJson_.end() ? "{}" : settings->second, ""};
    if (out.count(library->id()))
      out[library->id()].problem = "the id " + library->id() +
                                   " names both an MCP server and a toolset plugin; rename the "
                                   "server";
    else
      out[library->id()] = std::move(spec);
  }
  return out;
}

// Called under mutex_. Instances are made here, off the request path, only
// when the plugin set or the servers changed.
void ToolDirectory::refresh() {
  const uint64_t generation = plugins_.generation();
  if (generation == pluginGeneration_ && specGeneration_ == builtSpecGeneration_) return;
  pluginGeneration_ = generation;
  builtSpecGeneration_ = specGeneration_;
  std::map<std::string, Instance> next;
  broken_.clear();
  for (auto& [id, spec] : specs()) {
    if (!spec.problem.empty()) {
      logger().error("toolset %s cannot start: %s", id, spec.problem);
      broken_.push_back({id, spec.problem});
      continue;
    }
    const std::shared_ptr<plugins::PluginLibrary> library = plugins_.find(spec.plugin);
    if (!library || !library->toolsetApi()) {
      const std::string reason = "its plugin \"" + spec.plugin + "\" is not loaded";
      logger().error("toolset %s cannot start: %s", id, reason);
      broken_.push_back({id, reason});
      continue;
    }
    const auto old = instances_.find(id);
    if (old != instances_.end() && old->second.library == library.get() &&
        old->second.spec == spec) {
      next[id] = old->second;
      continue;
    }
    try {
      next[id] = Instance{std::make_shared<PluginToolset>(id, library, spec.configJson), spec,
                          library.get()};
    } catch (const ToolsetError& e) {
      logger().error("toolset %s could not start: %s", id, std::string(e.what()));
      broken_.push_back({id, e.what()});
    }
  }
  instances_ = std::move(next);
}

std::shared_ptr<Toolset> ToolDirectory::find(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  refresh();
  const auto it = instances_.find(id);
  return it == instances_.end() ? nullptr : it->second.toolset;
}

std::vector<std::shared_ptr<Toolset>> ToolDirectory::all() {
  std::lock_guard<std::mutex> lock(mutex_);
  refresh();
  std::vector<std::shared_ptr<Toolset>> out;
  for (const auto& [id, instance] : instances_) out.push_back(instance.toolset);
  return out;
}

std::vector<ToolDirectory::Broken> ToolDirectory::broken() {
  std::lock_guard<std::mutex> lock(mutex_);
  refresh();
  return broken_;
}

}  // namespace manifold::tools
