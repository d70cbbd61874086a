#pragma once

#include <memory>

#include "plugins/PluginManager.h"
#include "support/TempDir.h"
#include "tools/ToolDirectory.h"
#include "tools/ToolRuntime.h"

namespace manifold::test {

/// The host's tool runtime over the real loader, with the tool probe toolset
/// (tests/plugins/probes/ToolProbe.cpp) as its only toolset: no gateway, no
/// HTTP services.
class ProbeToolRuntime {
 public:
  ProbeToolRuntime();
  tools::ToolDirectory& directory() { return *directory_; }
  tools::ToolRuntime& runtime() { return *runtime_; }

 private:
  TempDir folder_;
  std::unique_ptr<plugins::PluginManager> manager_;
  std::unique_ptr<tools::ToolDirectory> directory_;
  std::unique_ptr<tools::ToolRuntime> runtime_;
};

}  // namespace manifold::test
