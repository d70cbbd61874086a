#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/GatewayConfig.h"

namespace manifold::config {

/// One thing wrong with a configuration, located by JSON path ("$.engines[1].model").
struct ConfigProblem {
  std::string path;
  std::string message;
};

struct ConfigLoadResult {
  std::optional<GatewayConfig> config;  ///< set only when there are no problems
  std::vector<ConfigProblem> problems;
};

/// Reads a JSON configuration, validates it against schemas/config.schema.json
/// (embedded at build time) and against the rules a schema cannot express, and
/// turns it into a GatewayConfig. Every problem is reported, not just the first.
class ConfigLoader {
 public:
  static ConfigLoadResult loadFile(const std::string& path);
  static ConfigLoadResult loadText(const std::string& jsonText);
};

}  // namespace manifold::config
