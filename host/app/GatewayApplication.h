#pragma once

#include <Poco/Util/ServerApplication.h>

#include <optional>
#include <string>

#include "config/GatewayConfig.h"

namespace manifold::app {

/// The manifold process: parses options, loads and checks the configuration,
/// then runs a GatewayServer until asked to stop. Runs in the foreground, as
/// a Unix daemon (--daemon) or as a Windows service (/registerService).
class GatewayApplication : public Poco::Util::ServerApplication {
 public:
  GatewayApplication();

 protected:
  void defineOptions(Poco::Util::OptionSet& options) override;
  void handleOption(const std::string& name, const std::string& value) override;
  int main(const std::vector<std::string>& args) override;

 private:
  void printHelp();
  void configureLogging(const config::GatewayConfig& config);

  std::string configPath_;
  std::optional<std::string> pluginDirOverride_;
  std::optional<int> portOverride_;
  bool helpRequested_ = false;
  bool checkOnly_ = false;
};

}  // namespace manifold::app
