#include "PluginScaffold.h"

#include <fstream>
#include <system_error>

#include "PluginTemplates.h"

namespace manifold::tools {
namespace {

const std::map<std::string, std::string>& kindUsage() {
  static const std::map<std::string, std::string> usage = {
      {"provider",
       "To serve it, add an engine to the gateway config and name it in a mode's chain:\n"
       "`{\"id\": \"{{name}}\", \"provider\": \"{{id}}\", \"model\": \"{{name}}-1\"}`.\n"},
      {"toolset",
       "The gateway lists its tools with `listTools` and runs a model's calls with `callTool`.\n"},
      {"dispatcher",
       "The gateway hands it long-running tasks (create, poll, cancel) and the verified\n"
       "bodies of their webhooks.\n"},
  };
  return usage;
}

std::string className(const std::string& name) {
  std::string out;
  bool upper = true;
  for (char c : name) {
    if (c == '_' || c == '-') {
      upper = true;
      continue;
    }
    out += upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    upper = false;
  }
  return out;
}

bool validId(const std::string& id) {
  if (id.empty() || id.size() > 128) return false;
  for (char c : id)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '_' && c != '-')
      return false;
  return true;
}

}  // namespace

bool PluginScaffold::validName(const std::string& name) {
  if (name.empty() || name.size() > 64 || !(name[0] >= 'a' && name[0] <= 'z')) return false;
  for (char c : name)
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  return true;
}

PluginScaffold::PluginScaffold(std::string kind, std::string name, std::optional<std::string> id)
    : kind_(std::move(kind)), name_(std::move(name)) {
  if (!kindUsage().count(kind_)) {
    error_ = "unknown kind \"" + kind_ + "\": expected provider, toolset or dispatcher";
    return;
  }
  if (!validName(name_)) {
    error_ = "invalid NAME \"" + name_ +
             "\": use a lower-case letter, then lower-case letters, digits, _ or - (at most 64)";
    return;
  }
  const std::string pluginId = id.value_or(name_);
  if (!validId(pluginId)) {
    error_ = "invalid plugin id \"" + pluginId + "\": use letters, digits, '.', '_' or '-'";
    return;
  }
  std::string target = name_;
  for (char& c : target)
    if (c == '-') c = '_';
  values_ = {{"name", name_},    {"id", pluginId},
             {"target", target}, {"class", className(name_)},
             {"kind", kind_},    {"kind_id", "manifold." + kind_ + "/1"}};
  values_["kind_usage"] = render(kindUsage().at(kind_));
}

std::string PluginScaffold::render(std::string_view text) const {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    const size_t open = text.find("{{", at);
    const size_t close = open == std::string_view::npos ? open : text.find("}}", open);
    const auto value = close == std::string_view::npos
                           ? values_.end()
                           : values_.find(std::string(text.substr(open + 2, close - open - 2)));
    if (value == values_.end()) {
      const size_t upTo = open == std::string_view::npos ? text.size() : open + 2;
      out.append(text.substr(at, upTo - at));
      at = upTo;
      continue;
    }
    out.append(text.substr(at, open - at));
    out += value->second;
    at = close + 2;
  }
  return out;
}

std::optional<std::filesystem::path> PluginScaffold::write(const std::filesystem::path& parent) {
  if (!error_.empty()) return std::nullopt;
  const std::filesystem::path folder = parent / name_;
  std::error_code ec;
  if (std::filesystem::exists(std::filesystem::symlink_status(folder, ec))) {
    error_ = folder.string() + " already exists; choose another NAME or remove it";
    return std::nullopt;
  }
  if (!std::filesystem::create_directories(folder, ec) || ec) {
    error_ = "cannot create " + folder.string() + ": " + ec.message();
    return std::nullopt;
  }
  for (const TemplateFile& file : pluginTemplates()) {
    const std::string path(file.path);
    const size_t slash = path.find('/');
    const std::string group = path.substr(0, slash);
    if (group != "common" && group != kind_) continue;
    std::string leaf = path.substr(slash + 1);
    if (leaf == "plugin.cpp") leaf = values_.at("target") + ".cpp";
    std::ofstream out(folder / leaf, std::ios::binary);
    out << render(file.text);
    if (!out.flush()) {
      error_ = "cannot write " + (folder / leaf).string();
      std::filesystem::remove_all(folder, ec);
      return std::nullopt;
    }
  }
  return folder;
}

}  // namespace manifold::tools
