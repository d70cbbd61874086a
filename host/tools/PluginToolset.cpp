#include "tools/PluginToolset.h"

#include <Poco/Logger.h>

#include <manifold/json.hpp>

#include <algorithm>
#include <chrono>

#include "plugins/AbiCall.h"
#include "plugins/AbiTable.h"
#include "tools/ToolDeclarations.h"

namespace manifold::tools {
namespace {

using plugins::toAbi;

Poco::Logger& logger() {
  return Poco::Logger::get("tools");
}

}  // namespace

PluginToolset::PluginToolset(std::string id, std::shared_ptr<plugins::PluginLibrary> library,
                             const std::string& configJson)
    : id_(std::move(id)), library_(std::move(library)) {
  const auto* table =
      dynamic_cast<const plugins::AbiTable<mf_toolset_api>*>(library_->table(MF_KIND_TOOLSET));
  if (!table) throw ToolsetError(library_->id() + " is not a toolset");
  api_ = table->api();
  mf_error error;
  handle_ = plugins::createInstance(api_.create, library_->hostTable(), configJson, error);
  if (!handle_)
    throw ToolsetError(id_ + " (" + library_->id() +
                       ") would not start: " + plugins::errorMessage(error));
}

PluginToolset::~PluginToolset() {
  try {
    api_.destroy(handle_);
  } catch (...) {
  }
}

std::vector<ToolDefinition> PluginToolset::tools() {
  const plugins::AbiCallResult listed = plugins::callWriting(
      [&](const mf_string_sink* out, mf_error* e) { return api_.list_tools(handle_, out, e); });
  if (listed.rc != MF_OK)
    throw ToolsetError(id_ + ": list_tools failed: " + plugins::errorMessage(listed.error));
  ToolDeclarations declared = readToolDeclarations(id_, listed.text);
  std::lock_guard<std::mutex> lock(problemsMutex_);
  for (const std::string& problem : declared.problems) {
    if (std::find(loggedProblems_.begin(), loggedProblems_.end(), problem) != loggedProblems_.end())
      continue;
    logger().warning("%s", problem);
    loggedProblems_.push_back(problem);
  }
  return std::move(declared.tools);
}

ToolResult PluginToolset::call(const std::string& name, const std::string& argumentsJson) {
  const auto start = std::chrono::steady_clock::now();
  const plugins::AbiCallResult called =
      plugins::callWriting([&](const mf_string_sink* out, mf_error* e) {
        return api_.call_tool(handle_, toAbi(name), toAbi(argumentsJson), out, e);
      });
  ToolResult result;
  if (called.rc == MF_OK && !json::parse(called.text)) {
    result =
        ToolResult::failure(MF_ERR_INTERNAL, id_ + "." + name + " wrote a result that is not JSON");
  } else if (called.rc == MF_OK) {
    result.ok = true;
    result.json = called.text;
  } else {
    result = ToolResult::failure(called.error.code, plugins::errorMessage(called.error));
    result.upstreamStatus = called.error.upstream_status;
  }
  result.latencyMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::steady_clock::now() - start)
                         .count();
  return result;
}

}  // namespace manifold::tools
