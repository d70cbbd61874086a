#pragma once

#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "Frankfurter.h"

namespace fx {

/// The fx toolset: convert, rates, currencies and the live tool lookup, from
/// the ECB reference rates through Frankfurter. README.md lists settings,
/// tools and errors.
class FxToolset : public manifold::Toolset {
 public:
  FxToolset(manifold::Host host, std::string_view configJson);

  std::string listTools() override;
  std::string callTool(std::string_view name, std::string_view argumentsJson) override;

 private:
  manifold::json::Value convert(double amount, const std::string& from, const std::string& to,
                                const std::optional<std::string>& date);
  manifold::json::Value rates(const std::string& base, const std::vector<std::string>& symbols,
                              const std::optional<std::string>& date);
  manifold::json::Value currencies();
  manifold::json::Value lookup(const std::string& query);

  std::string dispatch(std::string_view name, std::string_view argumentsJson);
  /// The checked date, or nullopt for the latest rates.
  std::optional<std::string> checkedDate(const std::optional<std::string>& date) const;
  /// source, date, and a note when the ECB date is not the one asked for.
  void describeDate(manifold::json::Value& out, const Quote& quote,
                    const std::optional<std::string>& asked) const;

  manifold::Host host_;
  Frankfurter frankfurter_;
};

}  // namespace fx
