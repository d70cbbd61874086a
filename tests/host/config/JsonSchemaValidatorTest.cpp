#include "config/JsonSchemaValidator.h"

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <Poco/DateTime.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <gtest/gtest.h>

namespace {

using manifold::config::JsonSchemaValidator;
using manifold::config::SchemaViolation;
using Poco::Dynamic::Var;

// Parses JSON keeping object member order, as the config loader does. Poco 1.11 rejects top-level
// scalars, so the text is wrapped in an array and unwrapped again.
Var parse(const std::string& text) {
  Poco::JSON::Parser parser(new Poco::JSON::ParseHandler(true));
  return parser.parse("[" + text + "]").extract<Poco::JSON::Array::Ptr>()->get(0);
}

std::vector<SchemaViolation> check(const std::string& schema, const std::string& document) {
  return JsonSchemaValidator(parse(schema)).validate(parse(document));
}

// "path: message" per line, so failures print everything that was reported.
std::string render(const std::vector<SchemaViolation>& violations) {
  std::string out;
  for (const auto& v : violations) out += v.path + ": " + v.message + "\n";
  return out;
}

bool contains(const std::string& text, const std::string& fragment) {
  return text.find(fragment) != std::string::npos;
}

// Asserts exactly one violation at `path` whose message contains `fragment`.
void expectOne(const std::vector<SchemaViolation>& violations, const std::string& path,
               const std::string& fragment) {
  ASSERT_EQ(violations.size(), 1u) << render(violations);
  EXPECT_EQ(violations[0].path, path) << render(violations);
  EXPECT_TRUE(contains(violations[0].message, fragment))
      << "expected fragment '" << fragment << "' in: " << render(violations);
}

void expectValid(const std::vector<SchemaViolation>& violations) {
  EXPECT_TRUE(violations.empty()) << render(violations);
}

std::string schemaError(const std::string& schema) {
  try {
    JsonSchemaValidator validator(parse(schema));
  } catch (const std::invalid_argument& e) {
    return e.what();
  }
  return "<no exception>";
}

Var nestedArrays(int depth) {
  Var value = Poco::JSON::Array::Ptr(new Poco::JSON::Array);
  for (int i = 1; i < depth; ++i) {
    Poco::JSON::Array::Ptr outer = new Poco::JSON::Array;
    outer->add(value);
    value = outer;
  }
  return value;
}

TEST(JsonSchemaValidatorTest, TypeAcceptsEachJsonType) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"object", "{}"},    {"array", "[]"},   {"string", "\"s\""},  {"integer", "3"},
      {"number", "3.5"},   {"number", "3"},   {"boolean", "false"}, {"null", "null"},
      {"integer", "-7.0"}, {"integer", "1e2"}};
  for (const auto& [type, doc] : cases) {
    SCOPED_TRACE(type + " " + doc);
    expectValid(check(R"({"type":")" + type + "\"}", doc));
  }
}

TEST(JsonSchemaValidatorTest, TypeMismatchNamesExpectedAndActual) {
  expectOne(check(R"({"properties":{"port":{"type":"integer"}}})", R"({"port":"80"})"), "$.port",
            "expected integer, got string");
  expectOne(check(R"({"type":"integer"})", "2.5"), "$", "expected integer, got number");
  expectOne(check(R"({"type":"integer"})", "true"), "$", "expected integer, got boolean");
  expectOne(check(R"({"type":"number"})", "null"), "$", "expected number, got null");
  expectOne(check(R"({"type":"object"})", "[]"), "$", "expected object, got array");
}

TEST(JsonSchemaValidatorTest, TypeArrayAcceptsAnyListedType) {
  const std::string schema = R"({"type":["string","null"]})";
  expectValid(check(schema, "null"));
  expectValid(check(schema, "\"x\""));
  expectOne(check(schema, "5"), "$", "expected string or null, got integer");
  expectOne(check(R"({"type":["object","array","null"]})", "1"), "$",
            "expected object, array or null, got integer");
}

TEST(JsonSchemaValidatorTest, RequiredProperties) {
  const std::string schema = R"({"type":"object","required":["model","name"]})";
  expectValid(check(schema, R"({"model":"m","name":"n"})"));
  expectOne(check(schema, R"({"name":"n"})"), "$", "missing required property \"model\"");
}

TEST(JsonSchemaValidatorTest, AdditionalPropertiesFalseReportsUnknownProperty) {
  const std::string schema =
      R"({"properties":{"server":{"properties":{"port":{}},"additionalProperties":false}}})";
  expectValid(check(schema, R"({"server":{"port":1}})"));
  expectOne(check(schema, R"({"server":{"port":1,"prot":2}})"), "$.server",
            "unknown property \"prot\"");
}

TEST(JsonSchemaValidatorTest, AdditionalPropertiesSchemaValidatesExtraMembers) {
  const std::string schema =
      R"({"properties":{"a":{"type":"integer"}},"additionalProperties":{"type":"string"}})";
  expectValid(check(schema, R"({"a":1,"b":"x"})"));
  expectOne(check(schema, R"({"a":1,"b":2})"), "$.b", "expected string, got integer");
}

TEST(JsonSchemaValidatorTest, PatternPropertiesMatchNamesAndExemptFromAdditional) {
  const std::string schema =
      R"({"patternProperties":{"^[0-9]+$":{"type":"integer"}},"additionalProperties":false})";
  expectValid(check(schema, R"({"42":1,"7":2})"));
  expectOne(check(schema, R"({"42":"no"})"), R"($["42"])", "expected integer, got string");
  expectOne(check(schema, R"({"x42":1})"), "$", "unknown property \"x42\"");
}

TEST(JsonSchemaValidatorTest, PropertyNamesValidatesEveryName) {
  const std::string schema = R"({"propertyNames":{"pattern":"^[a-z][a-z0-9_-]*$","maxLength":8},
    "additionalProperties":{"type":"integer"}})";
  expectValid(check(schema, R"({"fast":1,"deep_thk":2})"));
  const auto violations = check(schema, R"({"ok":1,"Bad":"x","much-too-long":3})");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"$", R"(invalid property name "Bad": string "Bad" does not match pattern)"},
      {"$.Bad", "expected integer, got string"},
      {"$",
       R"(invalid property name "much-too-long": string length 13 is greater than maxLength 8)"},
  };
  ASSERT_EQ(violations.size(), expected.size()) << render(violations);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(violations[i].path, expected[i].first) << render(violations);
    EXPECT_TRUE(contains(violations[i].message, expected[i].second)) << render(violations);
  }
}

TEST(JsonSchemaValidatorTest, ItemsValidatesEveryElement) {
  const std::string schema = R"({"type":"array","items":{"type":"integer"}})";
  expectValid(check(schema, "[1,2,3]"));
  expectValid(check(schema, "[]"));
  expectOne(check(schema, R"([1,"x",3])"), "$[1]", "expected integer, got string");
}

TEST(JsonSchemaValidatorTest, EnumComparesJsonValues) {
  const std::string schema = R"({"enum":["a",1,null,{"k":[true]}]})";
  expectValid(check(schema, "\"a\""));
  expectValid(check(schema, "1.0"));
  expectValid(check(schema, "null"));
  expectValid(check(schema, R"({"k":[true]})"));
  expectOne(check(schema, "\"b\""), "$", R"(expected one of ["a",1,null,{"k":[true]}], got "b")");
  expectOne(check(schema, R"({"k":[false]})"), "$", "expected one of");
  expectOne(check(schema, "true"), "$", "got true");
}

TEST(JsonSchemaValidatorTest, ConstRequiresEqualValue) {
  expectValid(check(R"({"const":{"a":[1,2]}})", R"({"a":[1,2.0]})"));
  expectOne(check(R"({"const":{"a":[1,2]}})", R"({"a":[2,1]})"), "$", "expected constant");
  expectOne(check(R"({"const":"v1"})", "\"v2\""), "$", R"(expected constant "v1", got "v2")");
}

TEST(JsonSchemaValidatorTest, MinimumAndMaximumAreInclusive) {
  const std::string schema = R"({"minimum":1,"maximum":65535})";
  expectValid(check(schema, "1"));
  expectValid(check(schema, "65535"));
  expectOne(check(schema, "0"), "$", "value 0 is less than minimum 1");
  expectOne(check(schema, "70000"), "$", "value 70000 is greater than maximum 65535");
  expectOne(check(R"({"minimum":0.5})", "0.25"), "$", "less than minimum 0.5");
}

TEST(JsonSchemaValidatorTest, ExclusiveBoundsRejectTheBoundItself) {
  const std::string schema = R"({"exclusiveMinimum":0,"exclusiveMaximum":1})";
  expectValid(check(schema, "0.5"));
  expectOne(check(schema, "0"), "$", "value 0 must be greater than exclusiveMinimum 0");
  expectOne(check(schema, "1"), "$", "value 1 must be less than exclusiveMaximum 1");
}

TEST(JsonSchemaValidatorTest, NumericBoundsAreExactForLargeIntegers) {
  expectOne(check(R"({"maximum":9223372036854775806})", "9223372036854775807"), "$",
            "greater than maximum");
  expectValid(check(R"({"minimum":0})", "18446744073709551615"));
  expectOne(check(R"({"maximum":0})", "18446744073709551615"), "$",
            "value 18446744073709551615 is greater than maximum 0");
}

TEST(JsonSchemaValidatorTest, StringLengthCountsCodePoints) {
  expectValid(check(R"({"maxLength":5})", "\"h\u00e9llo\""));  // 6 bytes, 5 code points
  expectOne(check(R"({"maxLength":4})", "\"h\u00e9llo\""), "$",
            "string length 5 is greater than maxLength 4");
  expectValid(check(R"({"minLength":2})", "\"\u65e5\u672c\""));
  expectOne(check(R"({"minLength":3})", "\"\u65e5\u672c\""), "$",
            "string length 2 is less than minLength 3");
}

TEST(JsonSchemaValidatorTest, PatternUsesSearchSemantics) {
  expectValid(check(R"({"pattern":"b+"})", "\"abbc\""));
  expectValid(check(R"({"pattern":"^https?://"})", "\"https://x\""));
  expectOne(check(R"({"pattern":"^a$"})", "\"ab\""), "$",
            R"(string "ab" does not match pattern "^a$")");
}

TEST(JsonSchemaValidatorTest, ItemCountLimits) {
  const std::string schema = R"({"minItems":1,"maxItems":2})";
  expectValid(check(schema, "[1]"));
  expectValid(check(schema, "[1,2]"));
  expectOne(check(schema, "[]"), "$", "array size 0 is less than minItems 1");
  expectOne(check(schema, "[1,2,3]"), "$", "array size 3 is greater than maxItems 2");
}

TEST(JsonSchemaValidatorTest, UniqueItemsUsesJsonEquality) {
  const std::string schema = R"({"uniqueItems":true})";
  expectValid(check(schema, R"([1,"1",true,null,{"a":1},{"a":2}])"));
  expectOne(check(schema, "[1,2,1]"), "$", "array items [0] and [2] are equal");
  expectOne(check(schema, "[1,1.0]"), "$", "array items [0] and [1] are equal");
  expectOne(check(schema, R"([{"a":[1]},{"a":[1]}])"), "$", "[0] and [1]");
  expectValid(check(R"({"uniqueItems":false})", "[1,1]"));
}

TEST(JsonSchemaValidatorTest, PropertyCountLimits) {
  expectValid(check(R"({"minProperties":1})", R"({"a":1})"));
  expectOne(check(R"({"minProperties":1})", "{}"), "$",
            "property count 0 is less than minProperties 1");
  expectOne(check(R"({"maxProperties":1})", R"({"a":1,"b":2})"), "$",
            "property count 2 is greater than maxProperties 1");
}

TEST(JsonSchemaValidatorTest, RefResolvesDefsAndDefinitions) {
  const std::string schema = R"({
    "$defs": {"port": {"type": "integer", "maximum": 65535}},
    "definitions": {"name": {"type": "string", "minLength": 1}},
    "properties": {"port": {"$ref": "#/$defs/port"}, "name": {"$ref": "#/definitions/name"}}})";
  expectValid(check(schema, R"({"port":80,"name":"gw"})"));
  const auto violations = check(schema, R"({"port":70000,"name":""})");
  ASSERT_EQ(violations.size(), 2u) << render(violations);
  EXPECT_EQ(violations[0].path, "$.port");
  EXPECT_TRUE(contains(violations[0].message, "greater than maximum 65535"));
  EXPECT_EQ(violations[1].path, "$.name");
  EXPECT_TRUE(contains(violations[1].message, "less than minLength 1"));
}

TEST(JsonSchemaValidatorTest, RecursiveRefValidatesNestedStructures) {
  const std::string schema = R"({
    "$ref": "#/$defs/node",
    "$defs": {"node": {"type": "object", "required": ["name"],
              "properties": {"name": {"type": "string"},
                             "children": {"type": "array", "items": {"$ref": "#/$defs/node"}}}}}})";
  expectValid(check(schema, R"({"name":"a","children":[{"name":"b","children":[]}]})"));
  expectOne(check(schema, R"({"name":"a","children":[{"name":"b"},{"children":[]}]})"),
            "$.children[1]", "missing required property \"name\"");
  const auto violations = check(
      schema, R"({"name":"a","children":[{"name":"b"},{"name":"c","children":[{"name":1}]}]})");
  expectOne(violations, "$.children[1].children[0].name", "expected string, got integer");
}

TEST(JsonSchemaValidatorTest, AnyOfReportsOneViolationListingAlternatives) {
  const std::string schema =
      R"({"properties":{"v":{"anyOf":[{"type":"string"},{"type":"object","required":["id"]}]}}})";
  expectValid(check(schema, R"({"v":"x"})"));
  expectValid(check(schema, R"({"v":{"id":1}})"));
  const auto violations = check(schema, R"({"v":{}})");
  expectOne(violations, "$.v", "matches no anyOf alternative");
  EXPECT_TRUE(contains(violations[0].message, "[0] expected string, got object"))
      << render(violations);
  EXPECT_TRUE(contains(violations[0].message, "[1] missing required property \"id\""))
      << render(violations);
}

TEST(JsonSchemaValidatorTest, AnyOfSummaryIncludesNestedPaths) {
  const std::string schema =
      R"({"anyOf":[{"properties":{"a":{"type":"string"}}},{"required":["b"]}]})";
  const auto violations = check(schema, R"({"a":1})");
  expectOne(violations, "$", "[0] $.a: expected string, got integer");
}

TEST(JsonSchemaValidatorTest, OneOfRequiresExactlyOneMatch) {
  const std::string schema =
      R"({"oneOf":[{"type":"integer"},{"type":"number","minimum":10},{"type":"string"}]})";
  expectValid(check(schema, "3"));
  expectValid(check(schema, "\"s\""));
  expectOne(check(schema, "12"), "$", "matches more than one oneOf alternative: [0], [1]");
  const auto none = check(schema, "5.5");
  expectOne(none, "$", "matches no oneOf alternative");
  EXPECT_TRUE(contains(none[0].message, "[0] expected integer, got number")) << render(none);
  EXPECT_TRUE(contains(none[0].message, "[2] expected string, got number")) << render(none);
}

TEST(JsonSchemaValidatorTest, AllOfReportsEveryFailingBranch) {
  const std::string schema = R"({"allOf":[{"minimum":5},{"maximum":1},{"type":"integer"}]})";
  expectValid(check(R"({"allOf":[{"minimum":1},{"maximum":5}]})", "3"));
  const auto violations = check(schema, "3");
  ASSERT_EQ(violations.size(), 2u) << render(violations);
  EXPECT_TRUE(contains(violations[0].message, "less than minimum 5"));
  EXPECT_TRUE(contains(violations[1].message, "greater than maximum 1"));
}

TEST(JsonSchemaValidatorTest, NotRejectsMatchingValue) {
  const std::string schema = R"({"not":{"type":"null"}})";
  expectValid(check(schema, "0"));
  expectOne(check(schema, "null"), "$", "must not match the \"not\" schema");
}

TEST(JsonSchemaValidatorTest, BooleanSchemas) {
  const std::string schema = R"({"properties":{"legacy":false,"any":true}})";
  expectValid(check(schema, R"({"any":[1,{"x":null}]})"));
  expectOne(check(schema, R"({"legacy":1})"), "$.legacy", "no value is allowed here");
  expectValid(check("true", "42"));
  expectOne(check("false", "42"), "$", "no value is allowed here");
}

TEST(JsonSchemaValidatorTest, AnnotationAndUnknownKeywordsAreIgnored) {
  const std::string schema = R"({"$schema":"https://json-schema.org/draft/2020-12/schema",
    "$id":"urn:manifold","title":"t","description":"d","default":1,"examples":[1],
    "$comment":"c","x-custom":{"type":"nonsense"},"type":"integer"})";
  expectValid(check(schema, "1"));
  expectOne(check(schema, "\"1\""), "$", "expected integer, got string");
}

TEST(JsonSchemaValidatorTest, PathFormattingQuotesNonIdentifiers) {
  const std::string schema = R"({"additionalProperties":{"type":"object",
    "additionalProperties":{"type":"array","items":{"items":{"type":"string"}}}}})";
  const auto violations = check(schema, R"({
    "plain": {"snake_case-ok": [[1]]},
    "_x": {"Y9": [["ok", 2]]},
    "na me": {"a\"b\\c": [[3]]},
    "1abc": {"-dash": [[4]], "": [[5]], "\u00e9t\u00e9": [[6]]}})");
  const std::vector<std::string> expected = {
      "$.plain.snake_case-ok[0][0]",    "$._x.Y9[0][1]",
      R"($["na me"]["a\"b\\c"][0][0])", R"($["1abc"]["-dash"][0][0])",
      R"($["1abc"][""][0][0])",         "$[\"1abc\"][\"\u00e9t\u00e9\"][0][0]"};
  ASSERT_EQ(violations.size(), expected.size()) << render(violations);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(violations[i].path, expected[i]) << render(violations);
  }
}

TEST(JsonSchemaValidatorTest, ControlCharactersInNamesAreEscaped) {
  const auto violations = check(R"({"additionalProperties":false})", R"({"a\nb":1})");
  expectOne(violations, "$", R"(unknown property "a\nb")");
  const auto nested = check(R"({"additionalProperties":{"type":"string"}})", R"({"tab\there":1})");
  expectOne(nested, R"($["tab\there"])", "expected string");
}

TEST(JsonSchemaValidatorTest, ReportsAllViolationsInDocumentOrder) {
  const std::string schema = R"({
    "type": "object", "required": ["server", "engines"], "additionalProperties": false,
    "properties": {
      "version": {"const": 1},
      "server": {"type": "object", "additionalProperties": false,
                 "properties": {"host": {"type": "string"}, "port": {"type": "integer",
                                "minimum": 1, "maximum": 65535}}},
      "engines": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/engine"}}},
    "$defs": {"engine": {"type": "object", "required": ["model"],
                         "properties": {"model": {"type": "string", "minLength": 1},
                                        "weight": {"type": "number", "exclusiveMinimum": 0}}}}})";
  const auto violations = check(schema, R"({
    "server": {"prot": "http", "port": "8080", "host": 1},
    "extra": true,
    "version": 2,
    "engines": [{"model": "a"}, {"model": ""}, {"weight": 0}]})");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"$.server", "unknown property \"prot\""},
      {"$.server.port", "expected integer, got string"},
      {"$.server.host", "expected string, got integer"},
      {"$", "unknown property \"extra\""},
      {"$.version", "expected constant 1, got 2"},
      {"$.engines[1].model", "string length 0 is less than minLength 1"},
      {"$.engines[2]", "missing required property \"model\""},
      {"$.engines[2].weight", "value 0 must be greater than exclusiveMinimum 0"},
  };
  ASSERT_EQ(violations.size(), expected.size()) << render(violations);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(violations[i].path, expected[i].first) << render(violations);
    EXPECT_EQ(violations[i].message, expected[i].second) << render(violations);
  }
}

TEST(JsonSchemaValidatorTest, ViolationsFromSeveralBranchesAreSortedByDocumentPosition) {
  const std::string schema = R"({"allOf":[
    {"properties":{"b":{"type":"string"}}},
    {"properties":{"a":{"type":"string"},"c":{"items":{"type":"string"}}}},
    {"properties":{"c":{"maxItems":1}}}]})";
  const auto violations = check(schema, R"({"a":1,"b":2,"c":[3,4]})");
  const std::vector<std::string> expected = {"$.a", "$.b", "$.c", "$.c[0]", "$.c[1]"};
  ASSERT_EQ(violations.size(), expected.size()) << render(violations);
  for (std::size_t i = 0; i < expected.size(); ++i) {
    EXPECT_EQ(violations[i].path, expected[i]) << render(violations);
  }
  EXPECT_TRUE(contains(violations[2].message, "greater than maxItems 1")) << render(violations);
}

TEST(JsonSchemaValidatorTest, MissingRequiredComesBeforeMemberViolations) {
  const auto violations =
      check(R"({"required":["z"],"properties":{"a":{"type":"string"}}})", R"({"a":1})");
  ASSERT_EQ(violations.size(), 2u) << render(violations);
  EXPECT_EQ(violations[0].path, "$");
  EXPECT_EQ(violations[0].message, "missing required property \"z\"");
  EXPECT_EQ(violations[1].path, "$.a");
}

TEST(JsonSchemaValidatorTest, MalformedSchemasThrowWithLocation) {
  const std::vector<std::pair<std::string, std::vector<std::string>>> cases = {
      {R"({"properties":{"name":{"pattern":"(unclosed"}}})",
       {"#/properties/name/pattern", "invalid regular expression"}},
      {R"({"patternProperties":{"[":{}}})",
       {"#/patternProperties/[", "invalid regular expression"}},
      {R"({"properties":{"a":{"$ref":"#/$defs/missing"}}})",
       {"#/properties/a/$ref", "unresolvable $ref \"#/$defs/missing\""}},
      {R"({"$ref":"https://example.com/schema"})", {"#/$ref", "unsupported $ref"}},
      {R"({"items":{"type":"strng"}})", {"#/items/type", "unknown type name \"strng\""}},
      {R"({"type":["string",3]})", {"#/type", "expected a string"}},
      {R"({"minLength":-1})", {"#/minLength", "non-negative integer"}},
      {R"({"maxItems":1.5})", {"#/maxItems", "non-negative integer"}},
      {R"({"minimum":"1"})", {"#/minimum", "expected a number"}},
      {R"({"required":"name"})", {"#/required", "expected an array"}},
      {R"({"anyOf":[]})", {"#/anyOf", "non-empty array"}},
      {R"({"items":[{"type":"string"}]})", {"#/items", "single schema"}},
      {R"({"properties":{"a":3}})", {"#/properties/a", "object or a boolean"}},
      {R"({"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"allOf":[{"$ref":"#/$defs/a"}]}}})",
       {"#/$defs/", "cycle"}},
      {R"({"uniqueItems":"yes"})", {"#/uniqueItems", "expected a boolean"}},
  };
  for (const auto& [schema, fragments] : cases) {
    const std::string error = schemaError(schema);
    for (const auto& fragment : fragments) {
      EXPECT_TRUE(contains(error, fragment)) << schema << " -> " << error;
    }
  }
}

TEST(JsonSchemaValidatorTest, RefToPointerWithEscapesAndRootRecursion) {
  const std::string schema = R"({"$defs":{"a/b~c":{"type":"string"}},
    "properties":{"x":{"$ref":"#/$defs/a~1b~0c"},"self":{"$ref":"#"}}})";
  expectValid(check(schema, R"({"x":"s","self":{"self":{"x":"t"}}})"));
  expectOne(check(schema, R"({"self":{"self":{"x":1}}})"), "$.self.self.x",
            "expected string, got integer");
}

TEST(JsonSchemaValidatorTest, DeepNestingYieldsSingleViolation) {
  const JsonSchemaValidator recursive(parse(R"({"type":"array","items":{"$ref":"#"}})"));
  expectValid(recursive.validate(nestedArrays(256)));
  expectOne(recursive.validate(nestedArrays(257)), "$", "nested too deeply");
  expectOne(JsonSchemaValidator(parse("{}")).validate(nestedArrays(5000)), "$",
            "more than 256 levels");
}

TEST(JsonSchemaValidatorTest, UnusualValuesDoNotThrow) {
  const JsonSchemaValidator validator(parse(R"({"type":["string","null"],"enum":["a",null]})"));
  expectValid(validator.validate(Var()));
  expectValid(validator.validate(Var(Poco::JSON::Object::Ptr())));  // null pointer reads as null
  expectOne(validator.validate(Var(Poco::DateTime(2020, 1, 1))), "$", "got unsupported value");
  Poco::JSON::Object byValue;
  byValue.set("a", 1);
  expectOne(validator.validate(Var(byValue)), "$", "expected string or null, got object");
}

TEST(JsonSchemaValidatorTest, FromFileLoadsAndReportsPaths) {
  const std::string path = ::testing::TempDir() + "jsv_schema_test.json";
  {
    std::ofstream out(path);
    out << R"({"type":"object","properties":{"port":{"type":"integer"}}})";
  }
  const auto validator = JsonSchemaValidator::fromFile(path);
  expectOne(validator.validate(parse(R"({"port":true})")), "$.port", "expected integer");

  {
    std::ofstream out(path);
    out << R"({"type": )";
  }
  try {
    JsonSchemaValidator::fromFile(path);
    FAIL() << "expected runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(contains(e.what(), path)) << e.what();
  }
  std::remove(path.c_str());

  const std::string missing = ::testing::TempDir() + "jsv_does_not_exist.json";
  try {
    JsonSchemaValidator::fromFile(missing);
    FAIL() << "expected runtime_error";
  } catch (const std::runtime_error& e) {
    EXPECT_TRUE(contains(e.what(), missing)) << e.what();
  }
}

TEST(JsonSchemaValidatorTest, FromFileNamesPathForMalformedSchema) {
  const std::string path = ::testing::TempDir() + "jsv_bad_schema_test.json";
  {
    std::ofstream out(path);
    out << R"({"pattern":"("})";
  }
  try {
    JsonSchemaValidator::fromFile(path);
    FAIL() << "expected invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_TRUE(contains(e.what(), path)) << e.what();
    EXPECT_TRUE(contains(e.what(), "#/pattern")) << e.what();
  }
  std::remove(path.c_str());
}

TEST(JsonSchemaValidatorTest, ValidatorIsReusableAndCopyable) {
  const JsonSchemaValidator original(parse(R"({"items":{"type":"integer"}})"));
  const JsonSchemaValidator copy = original;  // NOLINT(performance-unnecessary-copy-initialization)
  expectOne(copy.validate(parse(R"([1,"a"])")), "$[1]", "expected integer");
  expectOne(original.validate(parse(R"(["b"])")), "$[0]", "expected integer");
  expectValid(original.validate(parse("[1,2]")));
}

}  // namespace
