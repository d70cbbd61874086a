#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>

#include "plugins/KindRegistry.h"
#include "plugins/PluginHostContext.h"
#include "plugins/PluginLibrary.h"

namespace manifold::plugins {

/// A loaded plugin, or the reason a file was refused.
struct LoadResult {
  std::shared_ptr<PluginLibrary> plugin;
  std::string refusal;
};

/// Checks and loads plugin files from one folder. The order of checks is the
/// order of trust: file system (real path inside the folder, no world-writable
/// file or folder), then exported symbols read without running any plugin
/// code, then the ABI handshake, and only then the plugin's init.
///
/// Each file is loaded from a private copy, so replacing or rewriting the
/// original never touches code that is mapped, and a new version of the same
/// path really is a new library to the dynamic loader.
class PluginLoader {
 public:
  /// Returns the source path of the plugin that already owns an id, or "".
  using IdOwnerLookup = std::function<std::string(const std::string& id)>;

  /// A descriptor declaring more kinds than this is refused: a count that
  /// large is a corrupt descriptor, not a plugin.
  static constexpr uint64_t kMaxKinds = 64;

  PluginLoader(std::string folder, std::map<std::string, std::string> settingsJson,
               HostServiceDeps deps, const KindRegistry& kinds = KindRegistry::builtIn());
  ~PluginLoader();

  PluginLoader(const PluginLoader&) = delete;
  PluginLoader& operator=(const PluginLoader&) = delete;

  const std::string& folder() const { return folder_; }

  /// Loads one file. Never throws; a refusal says why in one sentence.
  LoadResult load(const std::string& path, const std::string& fingerprint,
                  const IdOwnerLookup& idOwner);

 private:
  LoadResult loadChecked(const std::string& path, const std::string& fingerprint,
                         const IdOwnerLookup& idOwner);
  std::string makePrivateCopy(const std::string& resolvedPath);
  /// Checks every kind the descriptor declares with its handler. Returns a
  /// refusal, or "" with `kinds` and `ignored` filled.
  std::string readKinds(const mf_plugin_descriptor& descriptor,
                        std::vector<PluginLibrary::Kind>& kinds,
                        std::vector<std::string>& ignored) const;

  std::string folder_;
  std::map<std::string, std::string> settingsJson_;
  HostServiceDeps deps_;
  const KindRegistry& kinds_;
  std::string shadowDir_;
  uint64_t copies_ = 0;
};

}  // namespace manifold::plugins
