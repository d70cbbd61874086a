#pragma once

namespace manifold::plugins {

/// A plugin's table for one kind, as the host keeps it once the kind's handler
/// has checked it. Each handler defines the concrete type it produces; readers
/// find it by kind id through PluginLibrary::table(). A table may point into
/// the plugin's code, so it lives exactly as long as its PluginLibrary.
class KindTable {
 public:
  virtual ~KindTable() = default;
};

}  // namespace manifold::plugins
