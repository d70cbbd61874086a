#pragma once

#include <string>

// Locations the build passes in, so tests use the libraries it just built.
namespace manifold::test {

inline std::string pluginOutputDir() {
  return MANIFOLD_PLUGIN_OUTPUT_DIR;
}
inline std::string testPluginDir() {
  return MANIFOLD_TEST_PLUGIN_DIR;
}
inline std::string demoPlugin() {
  return pluginOutputDir() + "/demo.so";
}
inline std::string testPlugin(const std::string& name) {
  return testPluginDir() + "/" + name + ".so";
}

}  // namespace manifold::test
