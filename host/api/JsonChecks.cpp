#include "api/JsonChecks.h"

namespace manifold::api {

using json::Value;

bool JsonChecks::fail(const std::string& param, const std::string& message) {
  problem = {message, param};
  return false;
}

bool JsonChecks::string(const Value& v, const std::string& param, std::string& out,
                        bool allowEmpty) {
  if (!v.isString()) return fail(param, param + " must be a string");
  if (!allowEmpty && v.asString().empty()) return fail(param, param + " must not be empty");
  out = v.asString();
  return true;
}

bool JsonChecks::number(const Value& v, const std::string& param, double lo, double hi,
                        std::optional<double>& out) {
  if (v.isNull()) return true;
  if (!v.isNumber()) return fail(param, param + " must be a number");
  const double d = v.asDouble();
  if (d < lo || d > hi)
    return fail(param, param + " must be between " + json::stringify(Value(lo)) + " and " +
                           json::stringify(Value(hi)));
  out = d;
  return true;
}

bool JsonChecks::integer(const Value& v, const std::string& param, int64_t lo,
                         std::optional<int64_t>& out) {
  if (v.isNull()) return true;
  if (!v.isInt()) return fail(param, param + " must be an integer");
  if (v.asInt() < lo) return fail(param, param + " must be at least " + std::to_string(lo));
  out = v.asInt();
  return true;
}

bool JsonChecks::stringList(const Value& v, const std::string& param, size_t maxItems,
                            std::vector<std::string>& out) {
  if (v.isNull()) return true;
  if (v.isString()) {
    out.push_back(v.asString());
    return true;
  }
  if (!v.isArray()) return fail(param, param + " must be a string or an array of strings");
  if (v.size() > maxItems)
    return fail(param, param + " takes at most " + std::to_string(maxItems) + " sequences");
  for (size_t i = 0; i < v.size(); ++i) {
    std::string s;
    if (!string(v[i], param + "[" + std::to_string(i) + "]", s)) return false;
    out.push_back(std::move(s));
  }
  return true;
}

std::optional<Value> parseJsonObject(std::string_view body, size_t maxDepth,
                                     RequestProblem& problem) {
  JsonChecks c{problem};
  if (!json::isValidUtf8(body)) {
    c.fail("", "request body is not valid UTF-8");
    return std::nullopt;
  }
  json::ParseError error;
  std::optional<Value> parsed = json::parse(body, &error, maxDepth);
  if (!parsed) {
    c.fail("", "request body is not valid JSON at byte " + std::to_string(error.offset) + ": " +
                   error.message);
    return std::nullopt;
  }
  if (!parsed->isObject()) {
    c.fail("", "request body must be a JSON object");
    return std::nullopt;
  }
  return parsed;
}

}  // namespace manifold::api
