#pragma once

#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace toolcommon {

/// The contract's default upstream timeout for every toolset plugin.
constexpr int64_t kDefaultTimeoutMs = 8000;

/// A toolset instance's settings: each is read from the config JSON create()
/// got, else from the host's get_config (plugins.settings.<plugin id>), else
/// the caller's default. A setting of the wrong type throws manifold::Error
/// (MF_ERR_INVALID) naming the plugin and the setting.
class ToolSettings {
 public:
  ToolSettings(const manifold::Host& host, std::string_view configJson, std::string pluginId);

  /// The raw value, null when unset.
  manifold::json::Value get(std::string_view name) const;

  std::string string(std::string_view name, std::string fallback) const;
  int64_t positiveInt(std::string_view name, int64_t fallback) const;
  bool boolean(std::string_view name, bool fallback) const;
  /// An http:// or https:// URL, without its trailing slashes.
  std::string url(std::string_view name, std::string fallback) const;
  /// "timeout_ms", default kDefaultTimeoutMs.
  int64_t timeoutMs() const;

  const std::string& pluginId() const { return pluginId_; }

 private:
  [[noreturn]] void invalid(std::string_view name, std::string_view what) const;

  manifold::Host host_;
  std::string pluginId_;
  manifold::json::Value config_ = manifold::json::Value::object();
};

}  // namespace toolcommon
