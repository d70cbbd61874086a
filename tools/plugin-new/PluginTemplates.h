#pragma once

#include <string_view>
#include <vector>

namespace manifold::tools {

/// One file of the plugin templates under tools/plugin-new/templates/,
/// compiled into the tool at build time so that it needs no data folder.
struct TemplateFile {
  std::string_view path;  // relative to templates/, e.g. "toolset/plugin.cpp"
  std::string_view text;
};

const std::vector<TemplateFile>& pluginTemplates();

}  // namespace manifold::tools
