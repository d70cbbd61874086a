#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include <Poco/Dynamic/Var.h>

namespace manifold::config {

/// One problem found in a document: where it is and what is wrong.
struct SchemaViolation {
  /// JSON path of the offending value, e.g. "$", "$.server.port", "$.engines[2].model".
  std::string path;
  /// Human-readable description, e.g. "expected integer, got string".
  std::string message;
};

/// Validates JSON documents (as parsed by Poco::JSON::Parser) against a JSON Schema subset with
/// draft 2020-12 semantics: type, properties, required, additionalProperties, patternProperties,
/// items, enum, const, minimum, maximum, exclusiveMinimum, exclusiveMaximum, minLength, maxLength,
/// pattern, minItems, maxItems, uniqueItems, minProperties, maxProperties, propertyNames, local
/// $ref, anyOf, oneOf, allOf and not. Annotation and unknown keywords are ignored. Instances are
/// immutable after construction and safe to use from several threads at once.
class JsonSchemaValidator {
 public:
  /// Compiles `schema` once (regexes compiled, $refs resolved). Throws std::invalid_argument naming
  /// the schema location (a JSON pointer such as "#/properties/port") if the schema is malformed.
  explicit JsonSchemaValidator(const Poco::Dynamic::Var& schema);

  /// Reads and compiles the schema stored in the JSON file at `path`. Throws std::runtime_error
  /// naming the path if the file cannot be read or parsed, std::invalid_argument if malformed.
  static JsonSchemaValidator fromFile(const std::string& path);

  /// Returns every violation found in `document`, in document order; empty when it is valid.
  /// Never throws because of the document's content.
  std::vector<SchemaViolation> validate(const Poco::Dynamic::Var& document) const;

  /// Documents nested deeper than this are rejected with a single violation.
  static constexpr std::size_t kMaxDepth = 256;

 private:
  struct Node;
  struct Compiler;
  struct Evaluator;

  std::vector<std::shared_ptr<Node>> nodes_;  // nodes_[0] is the root schema
};

}  // namespace manifold::config
