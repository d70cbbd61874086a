#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "plugins/PluginManager.h"
#include "tasks/Dispatcher.h"

namespace manifold::tasks {

/// The instances of the loaded dispatcher plugins, by plugin id ("sibling",
/// "manus"), each created with its `plugins.settings.<id>`. Follows the plugin
/// folder: a plugin loaded, replaced or removed while the gateway runs is
/// picked up at the next lookup. Tasks in flight keep their old instance.
class DispatcherDirectory {
 public:
  /// A dispatcher that would not start, and why (for /admin).
  struct Broken {
    std::string id;
    std::string reason;
  };

  DispatcherDirectory(const plugins::PluginDirectory& plugins,
                      std::map<std::string, std::string> settingsJson);
  virtual ~DispatcherDirectory() = default;

  /// The instance for a plugin id, or null when no such dispatcher is loaded.
  virtual std::shared_ptr<Dispatcher> find(const std::string& id);
  /// Every live instance, by id.
  virtual std::vector<std::shared_ptr<Dispatcher>> all();
  /// Plugins that provide a dispatcher but could not create an instance.
  std::vector<Broken> broken();
  /// The first enabled (dispatcher, service) that takes `intent`, in id order.
  std::optional<std::pair<std::string, std::string>> serviceFor(const std::string& intent);

 private:
  void refresh();

  const plugins::PluginDirectory& plugins_;
  const std::map<std::string, std::string> settingsJson_;
  std::mutex mutex_;
  uint64_t generation_ = UINT64_MAX;
  std::map<std::string, std::shared_ptr<Dispatcher>> instances_;
  std::map<std::string, const plugins::PluginLibrary*> libraries_;  ///< each instance's version
  std::vector<Broken> broken_;
};

}  // namespace manifold::tasks
