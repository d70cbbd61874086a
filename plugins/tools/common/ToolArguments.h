#pragma once

#include <manifold/json.hpp>

#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>

namespace toolcommon {

/// A tool call's arguments. The host checks them against the schema first,
/// but a plugin may be called by anything, so every accessor throws
/// manifold::Error (MF_ERR_INVALID) naming the tool and the argument.
class ToolArguments {
 public:
  /// `tool` names the call in messages ("convert").
  ToolArguments(std::string_view tool, std::string_view argumentsJson);

  /// Refuses any argument not in `names`.
  void allowOnly(std::initializer_list<std::string_view> names) const;

  /// Present and a non-empty string (after trimming blanks).
  std::string requiredString(std::string_view name) const;
  /// nullopt when absent or null; a present value must be a non-empty string.
  std::optional<std::string> optionalString(std::string_view name) const;
  double requiredNumber(std::string_view name) const;
  std::optional<double> optionalNumber(std::string_view name) const;
  std::optional<int64_t> optionalInt(std::string_view name) const;

  const manifold::json::Value& raw() const { return args_; }
  const std::string& tool() const { return tool_; }

  /// Throws MF_ERR_INVALID: "<tool>: <message>".
  [[noreturn]] void invalid(const std::string& message) const;

 private:
  const manifold::json::Value* present(std::string_view name) const;

  std::string tool_;
  manifold::json::Value args_;
};

}  // namespace toolcommon
