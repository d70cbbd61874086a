#include "config/JsonSchemaValidator.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdint>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <utility>

#include <Poco/Exception.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>
#include <Poco/JSONString.h>

namespace manifold::config {
namespace {

using Poco::Dynamic::Var;
using Poco::JSON::Array;
using Poco::JSON::Object;

// Kind values double as bit positions in a type mask; kTypeNames follows the same order.
enum class Kind { Object, Array, String, Integer, Number, Boolean, Null, Other };
constexpr const char* kTypeNames[] = {"object", "array",   "string", "integer",
                                      "number", "boolean", "null",   "unsupported value"};
constexpr unsigned kNumberBits = 1u << int(Kind::Integer) | 1u << int(Kind::Number);

const Object* asObject(const Var& v) {
  if (v.type() == typeid(Object::Ptr)) return v.extract<Object::Ptr>().get();
  return v.type() == typeid(Object) ? &v.extract<Object>() : nullptr;
}

const Array* asArray(const Var& v) {
  if (v.type() == typeid(Array::Ptr)) return v.extract<Array::Ptr>().get();
  return v.type() == typeid(Array) ? &v.extract<Array>() : nullptr;
}

Kind kindOf(const Var& v) {
  if (v.isEmpty()) return Kind::Null;
  const auto& type = v.type();
  if (type == typeid(Object::Ptr) || type == typeid(Object)) {
    return asObject(v) ? Kind::Object : Kind::Null;
  }
  if (type == typeid(Array::Ptr) || type == typeid(Array)) {
    return asArray(v) ? Kind::Array : Kind::Null;
  }
  if (v.isBoolean()) return Kind::Boolean;  // before isInteger(): Poco counts bool as integer
  if (v.isString()) return Kind::String;
  if (v.isInteger()) return Kind::Integer;
  return v.isNumeric() ? Kind::Number : Kind::Other;
}

bool isNumber(Kind kind) {
  return kind == Kind::Integer || kind == Kind::Number;
}

// long double holds every Int64/UInt64 exactly on x86-64, so bounds compare without rounding.
long double numberOf(const Var& v) {
  if (!v.isInteger()) return v.convert<double>();
  return v.isSigned() ? static_cast<long double>(v.convert<Poco::Int64>())
                      : static_cast<long double>(v.convert<Poco::UInt64>());
}

// Type-mask bits `v` satisfies; a number without fractional part is also an "integer".
unsigned typeBits(Kind kind, const Var& v) {
  if (kind == Kind::Other) return 0;
  if (kind == Kind::Integer) return kNumberBits;
  if (kind == Kind::Number && std::isfinite(numberOf(v)) &&
      numberOf(v) == std::floor(numberOf(v))) {
    return kNumberBits;
  }
  return 1u << int(kind);
}

bool jsonEquals(const Var& a, const Var& b) {
  const Kind ka = kindOf(a), kb = kindOf(b);
  if (isNumber(ka) && isNumber(kb)) return numberOf(a) == numberOf(b);
  if (ka != kb) return false;
  if (ka == Kind::Boolean) return a.convert<bool>() == b.convert<bool>();
  if (ka == Kind::String) return a.convert<std::string>() == b.convert<std::string>();
  if (ka == Kind::Array) {
    const Array *x = asArray(a), *y = asArray(b);
    return x->size() == y->size() && std::equal(x->begin(), x->end(), y->begin(), jsonEquals);
  }
  if (ka == Kind::Object) {
    const Object *x = asObject(a), *y = asObject(b);
    return x->size() == y->size() && std::all_of(x->begin(), x->end(), [&](const auto& entry) {
             return y->has(entry.first) && jsonEquals(entry.second, y->get(entry.first));
           });
  }
  return ka == Kind::Null;
}

// Compact JSON rendering of a value for messages, cut to `limit` characters.
std::string brief(const Var& v, std::size_t limit = 60) {
  std::ostringstream os;
  try {
    Poco::JSON::Stringifier::stringify(v, os);
  } catch (const std::exception&) {
    return "<" + std::string(kTypeNames[int(kindOf(v))]) + ">";
  }
  const std::string s = os.str();
  return s.size() > limit ? s.substr(0, limit) + "..." : s;
}

// ".name" for identifiers ([A-Za-z_][A-Za-z0-9_-]*), otherwise ["JSON-escaped name"].
std::string memberPath(const std::string& base, const std::string& name) {
  const auto ok = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  const bool identifier =
      !name.empty() && (ok(name[0]) && !std::isdigit(name[0])) &&
      std::all_of(name.begin(), name.end(), [&](char c) { return c == '-' || (c > 0 && ok(c)); });
  return identifier ? base + "." + name : base + "[" + Poco::toJSON(name) + "]";
}

std::string escapePointer(const std::string& token) {
  std::string out;
  for (const char c : token) out += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, c);
  return out;
}

// regex_search that treats "too complex to evaluate" as no match instead of throwing.
bool searches(const std::string& s, const std::regex& regex) {
  try {
    return std::regex_search(s, regex);
  } catch (const std::regex_error&) {
    return false;
  }
}

// Nesting depth of containers: 0 for a scalar, 1 + deepest child otherwise; stops past `cap`.
std::size_t depthOf(const Var& v, std::size_t cap) {
  std::size_t deepest = 0;
  if (const Array* array = asArray(v)) {
    for (auto it = array->begin(); cap > 0 && it != array->end(); ++it) {
      deepest = std::max(deepest, depthOf(*it, cap - 1));
    }
  } else if (const Object* object = asObject(v)) {
    for (auto it = object->begin(); cap > 0 && it != object->end(); ++it) {
      deepest = std::max(deepest, depthOf(it->second, cap - 1));
    }
  } else {
    return 0;
  }
  return deepest + 1;
}

struct Entry {
  std::vector<std::uint32_t> order;  // position of the reported value in document pre-order
  SchemaViolation violation;
};

}  // namespace

struct JsonSchemaValidator::Node {
  struct Bound {
    long double value;
    std::string text;
  };
  std::string location;  // JSON pointer of this schema, e.g. "#/properties/port"
  bool never = false;    // the boolean schema `false`
  unsigned types = 0;    // mask of 1 << Kind; 0 accepts every type
  std::map<std::string, std::size_t> properties;
  std::vector<std::pair<std::regex, std::size_t>> patternProperties;
  std::vector<std::string> required;
  std::optional<std::size_t> additional, items, ref, negated, propertyNames;
  std::optional<std::vector<Var>> enumValues;
  std::optional<Var> constValue;
  std::optional<Bound> minimum, maximum, exclusiveMinimum, exclusiveMaximum;
  std::optional<std::size_t> minLength, maxLength, minItems, maxItems, minProperties, maxProperties;
  std::optional<std::regex> pattern;
  std::string patternText;
  bool uniqueItems = false;
  std::vector<std::size_t> anyOf, oneOf, allOf;
};

struct JsonSchemaValidator::Compiler {
  using Sizes = std::optional<std::size_t> Node::*;
  using Bounds = std::optional<Node::Bound> Node::*;
  using Lists = std::vector<std::size_t> Node::*;

  std::vector<std::shared_ptr<Node>>& nodes;
  const Var& root;
  std::map<std::string, std::size_t> byPointer{};

  [[noreturn]] static void fail(const std::string& at, const std::string& what) {
    throw std::invalid_argument("invalid JSON schema at " + at + ": " + what);
  }

  static std::size_t count(const Var& v, const std::string& at) {
    const Kind kind = kindOf(v);
    if (!isNumber(kind) || !(typeBits(kind, v) & 1u << int(Kind::Integer)) || numberOf(v) < 0) {
      fail(at, "expected a non-negative integer");
    }
    return static_cast<std::size_t>(std::min<long double>(numberOf(v), SIZE_MAX));
  }

  static std::string text(const Var& v, const std::string& at) {
    if (kindOf(v) != Kind::String) fail(at, "expected a string");
    return v.convert<std::string>();
  }

  static std::regex regex(const std::string& source, const std::string& at) {
    try {
      return std::regex(source, std::regex::ECMAScript);
    } catch (const std::regex_error& e) {
      fail(at, "invalid regular expression " + Poco::toJSON(source) + " (" + e.what() + ")");
    }
  }

  static const Array& elements(const Var& v, const std::string& at) {
    if (const Array* array = asArray(v)) return *array;
    fail(at, "expected an array");
  }

  static const Object& members(const Var& v, const std::string& at) {
    if (const Object* object = asObject(v)) return *object;
    fail(at, "expected an object");
  }

  static unsigned types(const Var& v, const std::string& at) {
    std::vector<Var> names(1, v);
    if (kindOf(v) != Kind::String) names.assign(elements(v, at).begin(), elements(v, at).end());
    if (names.empty()) fail(at, "expected a type name or a non-empty array of them");
    unsigned bits = 0;
    for (const auto& name : names) {
      const std::string s = text(name, at);
      const auto it = std::find(std::begin(kTypeNames), std::end(kTypeNames) - 1, s);
      if (it == std::end(kTypeNames) - 1) fail(at, "unknown type name " + Poco::toJSON(s));
      bits |= 1u << (it - std::begin(kTypeNames));
    }
    return bits;
  }

  std::vector<std::size_t> list(const Var& v, const std::string& at, std::size_t depth) {
    std::vector<std::size_t> out;
    for (std::size_t i = 0; i < elements(v, at).size(); ++i) {
      out.push_back(compile(elements(v, at).get(i), at + "/" + std::to_string(i), depth + 1));
    }
    if (out.empty()) fail(at, "expected a non-empty array of schemas");
    return out;
  }

  // Compiles the schema at JSON pointer `pointer` ("#" or "#/a/b"), reusing earlier results.
  std::size_t resolve(const std::string& pointer, const std::string& at, std::size_t depth) {
    if (auto it = byPointer.find(pointer); it != byPointer.end()) return it->second;
    if (pointer.empty() || pointer[0] != '#' || (pointer.size() > 1 && pointer[1] != '/')) {
      fail(at, "unsupported $ref " + Poco::toJSON(pointer) + " (only local \"#/...\" references)");
    }
    Var target = root;
    for (std::size_t pos = 1; pos < pointer.size();) {
      const std::size_t end = std::min(pointer.find('/', pos + 1), pointer.size());
      std::string token;
      for (std::size_t i = pos + 1; i < end; ++i) {
        const bool escape = pointer[i] == '~' && i + 1 < end;
        token += escape ? (pointer[++i] == '1' ? '/' : '~') : pointer[i];
      }
      pos = end;
      const Object* object = asObject(target);
      const Array* array = asArray(target);
      const bool isIndex = !token.empty() && token.size() < 10 &&
                           token.find_first_not_of("0123456789") == std::string::npos;
      if (object && object->has(token)) {
        target = object->get(token);
      } else if (array && isIndex && std::stoul(token) < array->size()) {
        target = array->get(static_cast<unsigned>(std::stoul(token)));
      } else {
        fail(at, "unresolvable $ref " + Poco::toJSON(pointer));
      }
    }
    return compile(target, pointer, depth + 1);
  }

  std::size_t compile(const Var& schema, const std::string& at, std::size_t depth) {
    static const std::map<std::string, Sizes> kSubschemas{
        {"additionalProperties", &Node::additional},
        {"items", &Node::items},
        {"not", &Node::negated},
        {"propertyNames", &Node::propertyNames}};
    static const std::map<std::string, Lists> kLists{
        {"anyOf", &Node::anyOf}, {"oneOf", &Node::oneOf}, {"allOf", &Node::allOf}};
    static const std::map<std::string, Bounds> kBounds{
        {"minimum", &Node::minimum},
        {"maximum", &Node::maximum},
        {"exclusiveMinimum", &Node::exclusiveMinimum},
        {"exclusiveMaximum", &Node::exclusiveMaximum}};
    static const std::map<std::string, Sizes> kSizes{
        {"minLength", &Node::minLength},         {"maxLength", &Node::maxLength},
        {"minItems", &Node::minItems},           {"maxItems", &Node::maxItems},
        {"minProperties", &Node::minProperties}, {"maxProperties", &Node::maxProperties}};
    if (depth > kMaxDepth) fail(at, "schema nested too deeply");
    const std::size_t index = nodes.size();
    nodes.push_back(std::make_shared<Node>());
    byPointer.emplace(at, index);
    Node& node = *nodes.back();
    node.location = at;
    const Object* object = asObject(schema);
    if (!object) {
      if (kindOf(schema) != Kind::Boolean) fail(at, "a schema must be an object or a boolean");
      node.never = !schema.convert<bool>();
      return index;
    }
    for (const auto& [key, value] : *object) {
      const std::string here = at + "/" + escapePointer(key);
      if (auto it = kSubschemas.find(key); it != kSubschemas.end()) {
        if (key == "items" && asArray(value)) fail(here, "\"items\" must be a single schema");
        node.*(it->second) = compile(value, here, depth + 1);
      } else if (auto list = kLists.find(key); list != kLists.end()) {
        node.*(list->second) = this->list(value, here, depth);
      } else if (auto bound = kBounds.find(key); bound != kBounds.end()) {
        if (!isNumber(kindOf(value))) fail(here, "expected a number");
        node.*(bound->second) = Node::Bound{numberOf(value), brief(value)};
      } else if (auto size = kSizes.find(key); size != kSizes.end()) {
        node.*(size->second) = count(value, here);
      } else if (key == "properties" || key == "patternProperties") {
        for (const auto& [name, sub] : members(value, here)) {
          const std::string subAt = here + "/" + escapePointer(name);
          const std::size_t target = compile(sub, subAt, depth + 1);
          if (key == "properties") node.properties[name] = target;
          if (key != "properties") node.patternProperties.emplace_back(regex(name, subAt), target);
        }
      } else if (key == "$defs" || key == "definitions") {
        for (const auto& entry : members(value, here)) {
          resolve(here + "/" + escapePointer(entry.first), here, depth);
        }
      } else if (key == "required") {
        for (const auto& name : elements(value, here)) node.required.push_back(text(name, here));
      } else if (key == "enum") {
        node.enumValues.emplace(elements(value, here).begin(), elements(value, here).end());
      } else if (key == "const") {
        node.constValue = value;
      } else if (key == "$ref") {
        node.ref = resolve(text(value, here), here, depth);
      } else if (key == "type") {
        node.types = types(value, here);
      } else if (key == "pattern") {
        node.patternText = text(value, here);
        node.pattern = regex(node.patternText, here);
      } else if (key == "uniqueItems") {
        if (kindOf(value) != Kind::Boolean) fail(here, "expected a boolean");
        node.uniqueItems = value.convert<bool>();
      }
    }
    return index;
  }

  // Rejects $ref/allOf/anyOf/oneOf/not cycles: they would recurse forever on the same value.
  void checkCycles(std::size_t index, std::vector<int>& state) {
    if (state[index] == 2) return;
    if (state[index] == 1) fail(nodes[index]->location, "$ref cycle that never descends");
    state[index] = 1;
    const Node& node = *nodes[index];
    std::vector<std::size_t> next = node.allOf;
    next.insert(next.end(), node.anyOf.begin(), node.anyOf.end());
    next.insert(next.end(), node.oneOf.begin(), node.oneOf.end());
    for (const auto& edge : {node.ref, node.negated}) {
      if (edge) next.push_back(*edge);
    }
    for (const std::size_t target : next) checkCycles(target, state);
    state[index] = 2;
  }
};

struct JsonSchemaValidator::Evaluator {
  const std::vector<std::shared_ptr<Node>>& nodes;
  std::vector<std::uint32_t> order{};

  void report(std::vector<Entry>& out, const std::string& path, std::string message) {
    out.push_back({order, {path, std::move(message)}});
  }

  // Evaluates each alternative into its own list; returns how many produced no violation.
  std::size_t alternatives(const std::vector<std::size_t>& schemas, const Var& v,
                           const std::string& path, std::vector<std::vector<Entry>>& results) {
    results.assign(schemas.size(), {});
    for (std::size_t i = 0; i < schemas.size(); ++i) eval(schemas[i], v, path, results[i]);
    return std::count_if(results.begin(), results.end(), [](const auto& r) { return r.empty(); });
  }

  // "[i] first problem; [j] ..." for failed alternatives, or "[i], [j]" for matched ones.
  static std::string summary(const std::vector<std::vector<Entry>>& results,
                             const std::string& path, bool failed) {
    std::string out;
    for (std::size_t i = 0; i < results.size(); ++i) {
      if (results[i].empty() == failed) continue;
      out += (out.empty() ? "[" : failed ? "; [" : ", [") + std::to_string(i) + "]";
      if (!failed) continue;
      const SchemaViolation& first = results[i].front().violation;
      std::string text = first.path == path ? first.message : first.path + ": " + first.message;
      out += " " + (text.size() > 120 ? text.substr(0, 120) + "..." : text);
    }
    return out;
  }

  void eval(std::size_t index, const Var& v, const std::string& path, std::vector<Entry>& out) {
    const Node& node = *nodes[index];
    if (node.never) return report(out, path, "no value is allowed here");
    const Kind kind = kindOf(v);
    if (node.types != 0 && (node.types & typeBits(kind, v)) == 0) {
      std::string expected;  // e.g. "object, array or null"
      for (unsigned i = 0, left = node.types; left != 0; ++i) {
        if ((left & 1u << i) == 0) continue;
        left &= ~(1u << i);
        const char* separator = expected.empty() ? "" : left == 0 ? " or " : ", ";
        expected += separator + std::string(kTypeNames[i]);
      }
      return report(out, path, "expected " + expected + ", got " + kTypeNames[int(kind)]);
    }
    if (node.ref) eval(*node.ref, v, path, out);
    if (node.enumValues && std::none_of(node.enumValues->begin(), node.enumValues->end(),
                                        [&](const Var& e) { return jsonEquals(e, v); })) {
      Array allowed;
      for (const auto& e : *node.enumValues) allowed.add(e);
      report(out, path, "expected one of " + brief(Var(allowed), 120) + ", got " + brief(v));
    }
    if (node.constValue && !jsonEquals(*node.constValue, v)) {
      report(out, path, "expected constant " + brief(*node.constValue) + ", got " + brief(v));
    }
    if (isNumber(kind)) checkNumber(node, v, path, out);
    if (kind == Kind::String) checkString(node, v.convert<std::string>(), path, out);
    if (kind == Kind::Array) checkArray(node, *asArray(v), path, out);
    if (kind == Kind::Object) checkObject(node, *asObject(v), path, out);
    for (const std::size_t schema : node.allOf) eval(schema, v, path, out);
    std::vector<std::vector<Entry>> results;
    if (!node.anyOf.empty() && alternatives(node.anyOf, v, path, results) == 0) {
      report(out, path, "value matches no anyOf alternative: " + summary(results, path, true));
    }
    if (!node.oneOf.empty()) {
      const std::size_t matched = alternatives(node.oneOf, v, path, results);
      if (matched == 0) {
        report(out, path, "value matches no oneOf alternative: " + summary(results, path, true));
      } else if (matched > 1) {
        report(out, path,
               "value matches more than one oneOf alternative: " + summary(results, path, false));
      }
    }
    if (node.negated && alternatives({*node.negated}, v, path, results) == 1) {
      report(out, path, "value must not match the \"not\" schema");
    }
  }

  void limits(std::vector<Entry>& out, const std::string& path, const std::string& what,
              std::size_t actual, const std::optional<std::size_t>& min, const char* minName,
              const std::optional<std::size_t>& max, const char* maxName) {
    const std::string prefix = what + " " + std::to_string(actual);
    if (min && actual < *min) {
      report(out, path, prefix + " is less than " + minName + " " + std::to_string(*min));
    }
    if (max && actual > *max) {
      report(out, path, prefix + " is greater than " + maxName + " " + std::to_string(*max));
    }
  }

  void checkNumber(const Node& node, const Var& v, const std::string& path,
                   std::vector<Entry>& out) {
    const long double x = numberOf(v);
    const auto check = [&](const std::optional<Node::Bound>& bound, bool failed, const char* text) {
      if (bound && failed) report(out, path, "value " + brief(v) + text + bound->text);
    };
    check(node.minimum, node.minimum && x < node.minimum->value, " is less than minimum ");
    check(node.maximum, node.maximum && x > node.maximum->value, " is greater than maximum ");
    check(node.exclusiveMinimum, node.exclusiveMinimum && x <= node.exclusiveMinimum->value,
          " must be greater than exclusiveMinimum ");
    check(node.exclusiveMaximum, node.exclusiveMaximum && x >= node.exclusiveMaximum->value,
          " must be less than exclusiveMaximum ");
  }

  void checkString(const Node& node, const std::string& s, const std::string& path,
                   std::vector<Entry>& out) {
    const std::size_t length =
        std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; });
    limits(out, path, "string length", length, node.minLength, "minLength", node.maxLength,
           "maxLength");
    if (node.pattern && !searches(s, *node.pattern)) {
      report(
          out, path,
          "string " + brief(Var(s)) + " does not match pattern " + Poco::toJSON(node.patternText));
    }
  }

  void checkArray(const Node& node, const Array& array, const std::string& path,
                  std::vector<Entry>& out) {
    const std::size_t size = array.size();
    limits(out, path, "array size", size, node.minItems, "minItems", node.maxItems, "maxItems");
    for (std::size_t j = 1; node.uniqueItems && j < size; ++j) {
      for (std::size_t i = 0; i < j; ++i) {
        if (!jsonEquals(*(array.begin() + i), *(array.begin() + j))) continue;
        report(out, path,
               "array items [" + std::to_string(i) + "] and [" + std::to_string(j) +
                   "] are equal, but uniqueItems is set");
        break;
      }
    }
    for (std::size_t i = 0; node.items && i < size; ++i) {
      order.push_back(static_cast<std::uint32_t>(i));
      eval(*node.items, *(array.begin() + i), path + "[" + std::to_string(i) + "]", out);
      order.pop_back();
    }
  }

  void checkObject(const Node& node, const Object& object, const std::string& path,
                   std::vector<Entry>& out) {
    const std::vector<std::string> names = object.getNames();  // document order if preserved
    limits(out, path, "property count", names.size(), node.minProperties, "minProperties",
           node.maxProperties, "maxProperties");
    for (const auto& name : node.required) {
      if (!object.has(name)) report(out, path, "missing required property " + Poco::toJSON(name));
    }
    for (std::size_t i = 0; i < names.size(); ++i) {
      const Var child = object.get(names[i]);
      const std::string childPath = memberPath(path, names[i]);
      order.push_back(static_cast<std::uint32_t>(i));
      std::vector<Entry> nameProblems;
      if (node.propertyNames) eval(*node.propertyNames, Var(names[i]), path, nameProblems);
      for (const auto& problem : nameProblems) {
        report(
            out, path,
            "invalid property name " + Poco::toJSON(names[i]) + ": " + problem.violation.message);
      }
      bool matched = false;
      if (auto it = node.properties.find(names[i]); it != node.properties.end()) {
        matched = true;
        eval(it->second, child, childPath, out);
      }
      for (const auto& [regex, schema] : node.patternProperties) {
        if (!searches(names[i], regex)) continue;
        matched = true;
        eval(schema, child, childPath, out);
      }
      if (!matched && node.additional && nodes[*node.additional]->never) {
        report(out, path, "unknown property " + Poco::toJSON(names[i]));
      } else if (!matched && node.additional) {
        eval(*node.additional, child, childPath, out);
      }
      order.pop_back();
    }
  }
};

JsonSchemaValidator::JsonSchemaValidator(const Poco::Dynamic::Var& schema) {
  Compiler compiler{nodes_, schema, {}};
  compiler.compile(schema, "#", 0);
  std::vector<int> state(nodes_.size(), 0);
  for (std::size_t i = 0; i < nodes_.size(); ++i) compiler.checkCycles(i, state);
}

JsonSchemaValidator JsonSchemaValidator::fromFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read JSON schema file " + path);
  Var schema;
  try {
    Poco::JSON::Parser parser;
    schema = parser.parse(in);
  } catch (const Poco::Exception& e) {
    throw std::runtime_error("cannot parse JSON schema file " + path + ": " + e.displayText());
  }
  try {
    return JsonSchemaValidator(schema);
  } catch (const std::invalid_argument& e) {
    throw std::invalid_argument(path + ": " + e.what());
  }
}

std::vector<SchemaViolation> JsonSchemaValidator::validate(
    const Poco::Dynamic::Var& document) const {
  if (depthOf(document, kMaxDepth + 1) > kMaxDepth) {
    return {
        {"$", "document nested too deeply (more than " + std::to_string(kMaxDepth) + " levels)"}};
  }
  std::vector<Entry> entries;
  try {
    Evaluator{nodes_, {}}.eval(0, document, "$", entries);
  } catch (const std::exception& e) {
    entries.push_back({{}, {"$", std::string("internal validation error: ") + e.what()}});
  }
  std::stable_sort(entries.begin(), entries.end(),
                   [](const Entry& a, const Entry& b) { return a.order < b.order; });
  std::vector<SchemaViolation> result;
  result.reserve(entries.size());
  for (auto& entry : entries) result.push_back(std::move(entry.violation));
  return result;
}

}  // namespace manifold::config
