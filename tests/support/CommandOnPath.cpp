#include "support/CommandOnPath.h"

#include <Poco/Environment.h>

#include <filesystem>
#include <sstream>

namespace manifold::test {

bool commandOnPath(const std::string& command) {
  std::istringstream dirs(Poco::Environment::get("PATH", ""));
  std::string dir;
  while (std::getline(dirs, dir, ':'))
    if (!dir.empty() && std::filesystem::exists(std::filesystem::path(dir) / command)) return true;
  return false;
}

}  // namespace manifold::test
