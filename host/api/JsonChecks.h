#pragma once

#include <manifold/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "api/RequestProblem.h"

namespace manifold::api {

/// Field checks shared by the ingress codecs. Each fills the problem and
/// returns false, so that parsing reads as a list of checks.
struct JsonChecks {
  RequestProblem& problem;

  bool fail(const std::string& param, const std::string& message);
  bool string(const json::Value& v, const std::string& param, std::string& out,
              bool allowEmpty = true);
  /// Null is accepted and leaves `out` unset.
  bool number(const json::Value& v, const std::string& param, double lo, double hi,
              std::optional<double>& out);
  /// Null is accepted and leaves `out` unset.
  bool integer(const json::Value& v, const std::string& param, int64_t lo,
               std::optional<int64_t>& out);
  /// A string or an array of at most `maxItems` strings, appended to `out`.
  bool stringList(const json::Value& v, const std::string& param, size_t maxItems,
                  std::vector<std::string>& out);
};

/// The request body as a JSON object: valid UTF-8, valid JSON no deeper than
/// `maxDepth`, an object at the top. Otherwise nullopt with the problem named.
std::optional<json::Value> parseJsonObject(std::string_view body, size_t maxDepth,
                                           RequestProblem& problem);

}  // namespace manifold::api
