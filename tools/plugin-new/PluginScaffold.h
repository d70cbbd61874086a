#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace manifold::tools {

/// Writes a new plugin folder from the templates: CMakeLists.txt, README.md
/// and NAME.cpp, ready to build against the installed SDK.
class PluginScaffold {
 public:
  /// Checks the request; `error()` says what is wrong, or is empty.
  /// `kind` is provider, toolset or dispatcher; `name` is the folder and
  /// target name; `id` the plugin id (defaults to `name`).
  PluginScaffold(std::string kind, std::string name, std::optional<std::string> id);

  const std::string& error() const { return error_; }

  /// Creates `parent`/NAME and writes the files into it. Refuses a path that
  /// already exists. Returns the folder, or sets error() and returns nullopt.
  std::optional<std::filesystem::path> write(const std::filesystem::path& parent);

  static bool validName(const std::string& name);

 private:
  std::string render(std::string_view text) const;

  std::string kind_;
  std::string name_;
  std::map<std::string, std::string> values_;
  std::string error_;
};

}  // namespace manifold::tools
