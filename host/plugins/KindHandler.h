#pragma once

#include <memory>
#include <string>

#include "plugins/KindTable.h"

namespace manifold::plugins {

/// Knows one kind id (e.g. "manifold.toolset/1"): how to check the table a
/// plugin's get_factory returns for it, and why to refuse it. Handlers are
/// registered by kind id in a KindRegistry; the loader has no per-kind code.
class KindHandler {
 public:
  virtual ~KindHandler() = default;

  /// The kind id this handler reads, exactly as plugins declare it.
  virtual const char* kindId() const = 0;

  /// Checks the table get_factory returned for this kind (never null). Runs
  /// before the plugin's init and calls none of the table's functions. Returns
  /// the table as the host keeps it, or null with `refusal` set to one
  /// sentence that says what is wrong.
  virtual std::unique_ptr<KindTable> check(const void* table, std::string& refusal) const = 0;

  /// Runs after the plugin's init succeeded, for kinds that ask the plugin
  /// something once, at load (intents declare theirs). Returns "" or a
  /// refusal. The default asks nothing.
  virtual std::string complete(const std::string& pluginId, KindTable& table) const {
    (void)pluginId, (void)table;
    return "";
  }
};

}  // namespace manifold::plugins
