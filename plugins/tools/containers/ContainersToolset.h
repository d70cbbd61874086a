#pragma once

#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <memory>
#include <string>

#include "ContainerNumber.h"
#include "StatusSearch.h"

namespace containers {

/// The containers toolset: `validate`, `track` and the live tool `lookup`
/// (README.md).
class ContainersToolset : public manifold::Toolset {
 public:
  static constexpr const char* kPluginId = "containers";

  /// Throws manifold::Error (MF_ERR_INVALID) for a bad setting.
  ContainersToolset(manifold::Host host, std::string_view configJson);

  std::string listTools() override;
  std::string callTool(std::string_view name, std::string_view argumentsJson) override;

 private:
  std::string validate(std::string_view argumentsJson) const;
  std::string track(std::string_view argumentsJson) const;
  std::string lookup(std::string_view argumentsJson) const;

  /// The number, its parts and its carrier (or why there is none).
  manifold::json::Value describe(const ContainerNumber& number) const;
  /// describe() plus the tracking page and the status search.
  manifold::json::Value trackNumber(const ContainerNumber& number) const;

  manifold::Host host_;
  std::unique_ptr<StatusSearch> search_;  ///< null: no live status backend
  std::string noBackendReason_;
};

}  // namespace containers
