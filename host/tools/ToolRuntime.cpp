#include "tools/ToolRuntime.h"

#include <Poco/JSON/Parser.h>
#include <Poco/Logger.h>

#include <future>
#include <thread>

#include "plugins/CallDeadline.h"

namespace manifold::tools {
namespace {

using Clock = std::chrono::steady_clock;

Poco::Logger& logger() {
  return Poco::Logger::get("tools");
}

// A list that failed is asked again sooner than one that worked.
constexpr std::chrono::milliseconds kFailedListTtl{2000};
// How long shutdown waits for calls that outlived their timeout.
constexpr std::chrono::seconds kShutdownWait{5};

}  // namespace

ToolRuntime::~ToolRuntime() {
  std::unique_lock<std::mutex> lock(running_->mutex);
  if (!running_->done.wait_for(lock, kShutdownWait, [this] { return running_->count == 0; }))
    logger().warning("%d tool calls were still running at shutdown", running_->count);
}

const ToolDefinition* ToolListing::find(const std::string& nameOrId) const {
  for (const ToolDefinition& tool : tools)
    if (tool.wireName == nameOrId || tool.id() == nameOrId) return &tool;
  return nullptr;
}

ToolRuntime::ListedToolset ToolRuntime::listOne(const std::shared_ptr<Toolset>& toolset) {
  ListedToolset listed;
  listed.instance = toolset.get();
  try {
    listed.tools = toolset->tools();
  } catch (const std::exception& e) {
    listed.problem = e.what();
    logger().warning("toolset %s could not list its tools: %s", toolset->id(), listed.problem);
  }
  return listed;
}

ToolListing ToolRuntime::list(const ToolPatterns& allowed, const config::ToolsConfig& config,
                              const std::string& only) {
  const Clock::time_point now = Clock::now();
  std::vector<std::shared_ptr<Toolset>> stale;
  std::vector<std::shared_ptr<Toolset>> toolsets = directory_.all();
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (const std::shared_ptr<Toolset>& toolset : toolsets) {
      if (!only.empty() && toolset->id() != only) continue;
      const auto it = listed_.find(toolset->id());
      if (it == listed_.end() || it->second.expires <= now || it->second.instance != toolset.get())
        stale.push_back(toolset);
    }
  }
  // Every stale toolset at once: a slow server costs its own time, not the others'.
  std::vector<std::future<ListedToolset>> pending;
  for (const std::shared_ptr<Toolset>& toolset : stale)
    pending.push_back(std::async(std::launch::async, [this, toolset] { return listOne(toolset); }));
  ToolListing out;
  std::lock_guard<std::mutex> lock(mutex_);
  for (size_t i = 0; i < stale.size(); ++i) {
    ListedToolset listed = pending[i].get();
    listed.expires = Clock::now() +
                     (listed.problem.empty()
                          ? std::chrono::milliseconds(config.listTtlMs)
                          : std::min(kFailedListTtl, std::chrono::milliseconds(config.listTtlMs)));
    listed_[stale[i]->id()] = std::move(listed);
  }
  for (const std::shared_ptr<Toolset>& toolset : toolsets) {
    if (!only.empty() && toolset->id() != only) continue;
    const ListedToolset& listed = listed_[toolset->id()];
    if (!listed.problem.empty()) out.problems.push_back({toolset->id(), listed.problem});
    for (const ToolDefinition& tool : listed.tools)
      if (allowed.allows(tool)) out.tools.push_back(tool);
  }
  for (const ToolDirectory::Broken& broken : directory_.broken())
    if (only.empty() || broken.id == only) out.problems.push_back({broken.id, broken.reason});
  return out;
}

std::string ToolRuntime::argumentProblems(const ToolDefinition& tool,
                                          const std::string& argumentsJson) {
  Poco::Dynamic::Var arguments;
  try {
    arguments = Poco::JSON::Parser().parse(argumentsJson.empty() ? "{}" : argumentsJson);
  } catch (const Poco::Exception& e) {
    return "the arguments are not JSON: " + e.displayText();
  }
  std::shared_ptr<const config::JsonSchemaValidator> validator;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    const std::string key = tool.wireName + '\n' + tool.parametersJson;
    auto it = validators_.find(key);
    if (it == validators_.end()) {
      try {
        validator = std::make_shared<const config::JsonSchemaValidator>(
            Poco::JSON::Parser().parse(tool.parametersJson));
      } catch (const std::exception& e) {
        // The tool checks its own arguments; the gateway cannot read its schema.
        logger().warning("tool %s: its parameters schema cannot be used to check arguments: %s",
                         tool.id(), std::string(e.what()));
      }
      it = validators_.emplace(key, validator).first;
    }
    validator = it->second;
  }
  if (!validator) return "";
  std::string problems;
  for (const config::SchemaViolation& v : validator->validate(arguments)) {
    if (!problems.empty()) problems += "; ";
    problems += v.path + ": " + v.message;
  }
  return problems;
}

ToolResult ToolRuntime::call(const std::string& nameOrId, const std::string& argumentsJson,
                             const ToolPatterns& allowed, const config::ToolsConfig& config,
                             std::chrono::milliseconds timeout) {
  const ToolListing listing = list(allowed, config);
  if (const ToolDefinition* tool = listing.find(nameOrId))
    return call(*tool, argumentsJson, config, timeout);
  for (const ToolProblem& problem : listing.problems)
    if (nameOrId.rfind(problem.toolset + "__", 0) == 0 ||
        nameOrId.rfind(problem.toolset + ".", 0) == 0)
      return ToolResult::failure(MF_ERR_UNAVAILABLE,
                                 "tool " + nameOrId + " is unavailable: " + problem.message);
  return ToolResult::failure(MF_ERR_NOT_FOUND, "unknown tool \"" + nameOrId + "\"");
}

ToolResult ToolRuntime::call(const ToolDefinition& tool, const std::string& argumentsJson,
                             const config::ToolsConfig& config, std::chrono::milliseconds timeout) {
  const std::string arguments = argumentsJson.empty() ? "{}" : argumentsJson;
  const std::string problems = argumentProblems(tool, arguments);
  if (!problems.empty())
    return ToolResult::failure(
        MF_ERR_INVALID, "arguments for " + tool.wireName + " do not fit its schema: " + problems);
  const auto ttlOverride = config.cacheTtlMs.find(tool.id());
  const int64_t ttlMs =
      ttlOverride != config.cacheTtlMs.end() ? ttlOverride->second : tool.cacheTtlMs;
  if (ttlMs > 0)
    if (std::optional<ToolResult> hit = cache_.find(tool.id(), arguments)) return *hit;

  std::shared_ptr<Toolset> toolset = directory_.find(tool.toolset);
  if (!toolset)
    return ToolResult::failure(
        MF_ERR_UNAVAILABLE,
        "tool " + tool.wireName + " is unavailable: toolset " + tool.toolset + " is not running");
  const Clock::time_point start = Clock::now();
  const Clock::time_point deadline = start + timeout;
  // The call runs on its own thread so that a plugin that ignores its
  // deadline still cannot hold the turn: the turn stops waiting at the
  // deadline, and the thread ends when the plugin returns.
  auto promise = std::make_shared<std::promise<ToolResult>>();
  std::future<ToolResult> future = promise->get_future();
  {
    std::lock_guard<std::mutex> lock(running_->mutex);
    ++running_->count;
  }
  std::thread([toolset, name = tool.name, arguments, deadline, promise,
               running = running_]() mutable {
    {
      plugins::CallDeadline bound(deadline);
      promise->set_value(toolset->call(name, arguments));
    }
    toolset.reset();  // before the count: shutdown waits for the instance's release too
    std::lock_guard<std::mutex> lock(running->mutex);
    --running->count;
    running->done.notify_all();
  }).detach();
  if (future.wait_until(deadline) != std::future_status::ready) {
    logger().warning("tool %s did not answer within %d ms", tool.id(),
                     static_cast<int>(timeout.count()));
    ToolResult late =
        ToolResult::failure(MF_ERR_TIMEOUT, "tool " + tool.wireName + " did not answer within " +
                                                std::to_string(timeout.count()) + " ms");
    late.latencyMs = timeout.count();
    return late;
  }
  ToolResult result = future.get();
  result.latencyMs =
      std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
  if (!result.ok)
    logger().information("tool %s failed: %s", tool.id(), result.message);
  else if (ttlMs > 0)
    cache_.put(tool.id(), arguments, result, std::chrono::milliseconds(ttlMs));
  return result;
}

}  // namespace manifold::tools
