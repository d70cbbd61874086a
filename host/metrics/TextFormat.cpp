#include "metrics/TextFormat.h"

#include <charconv>
#include <cmath>

namespace manifold::metrics {

void TextFormat::header(std::string& out, std::string_view name, std::string_view help,
                        std::string_view type) {
  out += "# HELP ";
  out += name;
  out += ' ';
  for (char c : help) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
  out += "\n# TYPE ";
  out += name;
  out += ' ';
  out += type;
  out += '\n';
}

void TextFormat::appendLabelValue(std::string& out, std::string_view value) {
  for (char c : value) {
    if (c == '\\')
      out += "\\\\";
    else if (c == '"')
      out += "\\\"";
    else if (c == '\n')
      out += "\\n";
    else
      out += c;
  }
}

std::string TextFormat::number(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[32];
  const auto result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  return std::string(buffer, result.ptr);
}

void TextFormat::sample(std::string& out, std::string_view name,
                        const std::vector<std::string>& labelNames,
                        const std::vector<std::string>& labelValues, double value,
                        std::string_view extraName, std::string_view extraValue) {
  out += name;
  if (!labelNames.empty() || !extraName.empty()) {
    out += '{';
    bool first = true;
    for (size_t i = 0; i < labelNames.size() && i < labelValues.size(); ++i) {
      if (!first) out += ',';
      first = false;
      out += labelNames[i];
      out += "=\"";
      appendLabelValue(out, labelValues[i]);
      out += '"';
    }
    if (!extraName.empty()) {
      if (!first) out += ',';
      out += extraName;
      out += "=\"";
      appendLabelValue(out, extraValue);
      out += '"';
    }
    out += '}';
  }
  out += ' ';
  out += number(value);
  out += '\n';
}

}  // namespace manifold::metrics
