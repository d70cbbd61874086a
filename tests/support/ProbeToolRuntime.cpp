#include "support/ProbeToolRuntime.h"

#include "support/TestPaths.h"

namespace manifold::test {

ProbeToolRuntime::ProbeToolRuntime() {
  installFile(testPlugin("tool_probe"), folder_ / "tool_probe.so");
  manager_ = std::make_unique<plugins::PluginManager>(
      std::make_unique<plugins::PluginLoader>(folder_.str(), std::map<std::string, std::string>{},
                                              plugins::HostServiceDeps{}),
      50);
  manager_->scan(false);
  directory_ =
      std::make_unique<tools::ToolDirectory>(*manager_, std::map<std::string, std::string>{});
  runtime_ = std::make_unique<tools::ToolRuntime>(*directory_);
}

}  // namespace manifold::test
