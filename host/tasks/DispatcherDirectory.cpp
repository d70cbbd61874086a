#include "tasks/DispatcherDirectory.h"

#include <Poco/Logger.h>

#include <algorithm>

#include "tasks/PluginDispatcher.h"

namespace manifold::tasks {
namespace {

Poco::Logger& logger() {
  return Poco::Logger::get("tasks");
}

}  // namespace

DispatcherDirectory::DispatcherDirectory(const plugins::PluginDirectory& plugins,
                                         std::map<std::string, std::string> settingsJson)
    : plugins_(plugins), settingsJson_(std::move(settingsJson)) {}

// Called under mutex_. Instances are made here, off the request path, only
// when the plugin set changed.
void DispatcherDirectory::refresh() {
  const uint64_t generation = plugins_.generation();
  if (generation == generation_) return;
  generation_ = generation;
  std::map<std::string, std::shared_ptr<Dispatcher>> next;
  std::map<std::string, const plugins::PluginLibrary*> nextLibraries;
  broken_.clear();
  for (const auto& library : plugins_.snapshot().loaded) {
    if (!library->dispatcherApi()) continue;
    const std::string& id = library->id();
    const auto old = instances_.find(id);
    if (old != instances_.end() && libraries_[id] == library.get()) {
      next[id] = old->second;
      nextLibraries[id] = library.get();
      continue;
    }
    const auto settings = settingsJson_.find(id);
    try {
      next[id] = std::make_shared<PluginDispatcher>(
          library, settings == settingsJson_.end() ? "{}" : settings->second);
      nextLibraries[id] = library.get();
    } catch (const DispatchError& e) {
      logger().error("dispatcher %s could not start: %s", id, std::string(e.what()));
      broken_.push_back({id, e.what()});
    }
  }
  instances_ = std::move(next);
  libraries_ = std::move(nextLibraries);
}

std::shared_ptr<Dispatcher> DispatcherDirectory::find(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  refresh();
  const auto it = instances_.find(id);
  return it == instances_.end() ? nullptr : it->second;
}

std::vector<std::shared_ptr<Dispatcher>> DispatcherDirectory::all() {
  std::lock_guard<std::mutex> lock(mutex_);
  refresh();
  std::vector<std::shared_ptr<Dispatcher>> out;
  for (const auto& [id, instance] : instances_) out.push_back(instance);
  return out;
}

std::vector<DispatcherDirectory::Broken> DispatcherDirectory::broken() {
  std::lock_guard<std::mutex> lock(mutex_);
  refresh();
  return broken_;
}

std::optional<std::pair<std::string, std::string>> DispatcherDirectory::serviceFor(
    const std::string& intent) {
  for (const auto& dispatcher : all()) {
    std::vector<ServiceInfo> services;
    try {
      services = dispatcher->services();
    } catch (const DispatchError& e) {
      logger().warning("dispatcher %s could not list its services: %s", dispatcher->id(),
                       std::string(e.what()));
      continue;
    }
    for (const ServiceInfo& info : services) {
      if (!info.enabled) continue;
      if (std::find(info.intents.begin(), info.intents.end(), intent) != info.intents.end())
        return std::make_pair(dispatcher->id(), info.service);
    }
  }
  return std::nullopt;
}

}  // namespace manifold::tasks
