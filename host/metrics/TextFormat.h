#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace manifold::metrics {

/// Pieces of the Prometheus text exposition format (version 0.0.4).
class TextFormat {
 public:
  /// `# HELP` and `# TYPE` lines of one metric family.
  static void header(std::string& out, std::string_view name, std::string_view help,
                     std::string_view type);
  /// One sample line: name{label="value",...} value. `extraName` and
  /// `extraValue`, when given, add one more label at the end (a histogram's le).
  static void sample(std::string& out, std::string_view name,
                     const std::vector<std::string>& labelNames,
                     const std::vector<std::string>& labelValues, double value,
                     std::string_view extraName = {}, std::string_view extraValue = {});
  /// A label value with backslash, double quote and line feed escaped.
  static void appendLabelValue(std::string& out, std::string_view value);
  /// A sample value: shortest text that reads back as the same double;
  /// +Inf, -Inf and NaN as Prometheus spells them.
  static std::string number(double value);
};

}  // namespace manifold::metrics
