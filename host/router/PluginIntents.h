#pragma once

#include <manifold/plugin.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "router/WordPattern.h"

namespace manifold::router {

/// One intent a plugin declared, with its phrases and patterns compiled.
struct IntentDeclaration {
  std::string intent;
  std::string description;
  int priority = 0;
  std::vector<WordPattern> phrases;
  std::vector<WordPattern> patterns;
};

/// A plugin's manifold.intents/1 declarations, validated and compiled once,
/// when the plugin loads. Plain data: it holds nothing of the plugin's code,
/// so it may outlive the library.
class PluginIntents {
 public:
  static constexpr size_t kMaxIntents = 64;
  static constexpr size_t kMaxEntriesPerIntent = 256;  ///< phrases + patterns
  static constexpr size_t kMaxStringBytes = 512;

  /// Validates and compiles a declaration array (the JSON declare_intents
  /// writes). On failure returns null and sets `error` to one line that names
  /// the bad declaration, phrase or pattern.
  static std::shared_ptr<const PluginIntents> compile(const std::string& pluginId,
                                                      std::string_view declarationsJson,
                                                      std::string& error);
  /// Asks a plugin for its declarations (declare_intents) and compiles them.
  static std::shared_ptr<const PluginIntents> fromPlugin(const std::string& pluginId,
                                                         const mf_intents_api& api,
                                                         std::string& error);

  const std::string& pluginId() const { return pluginId_; }
  const std::vector<IntentDeclaration>& intents() const { return intents_; }

 private:
  std::string pluginId_;
  std::vector<IntentDeclaration> intents_;
};

}  // namespace manifold::router
