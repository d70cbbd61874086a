#include <manifold/json.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <string>
#include <vector>

namespace json = manifold::json;

namespace {

json::Value mustParse(std::string_view text) {
  json::ParseError error;
  std::optional<json::Value> v = json::parse(text, &error);
  EXPECT_TRUE(v.has_value()) << "input: " << text << " error at " << error.offset << ": "
                             << error.message;
  return v ? *v : json::Value();
}

// Returns the error for input that must be rejected.
json::ParseError mustFail(std::string_view text, size_t maxDepth = 128) {
  json::ParseError error;
  std::optional<json::Value> v = json::parse(text, &error, maxDepth);
  EXPECT_FALSE(v.has_value()) << "unexpectedly accepted: " << text;
  EXPECT_FALSE(error.message.empty());
  return error;
}

std::string roundTrip(std::string_view text) {
  return json::stringify(mustParse(text));
}

}  // namespace

TEST(JsonParse, Literals) {
  EXPECT_TRUE(mustParse("null").isNull());
  EXPECT_EQ(mustParse("null").type(), json::Type::Null);
  json::Value t = mustParse(" \t\r\ntrue\n ");
  ASSERT_TRUE(t.isBool());
  EXPECT_TRUE(t.asBool());
  json::Value f = mustParse("false");
  ASSERT_TRUE(f.isBool());
  EXPECT_FALSE(f.asBool(true));
}

TEST(JsonParse, Integers) {
  json::Value v = mustParse("0");
  ASSERT_TRUE(v.isInt());
  EXPECT_EQ(v.asInt(), 0);
  EXPECT_EQ(mustParse("-0").asInt(-1), 0);
  EXPECT_TRUE(mustParse("-0").isDouble());  // keeps its sign
  EXPECT_TRUE(std::signbit(mustParse("-0").asDouble()));
  EXPECT_EQ(mustParse("123").asInt(), 123);
  EXPECT_EQ(mustParse("-123").asInt(), -123);
  EXPECT_EQ(mustParse("-123").asDouble(), -123.0);

  json::Value max = mustParse("9223372036854775807");
  ASSERT_TRUE(max.isInt());
  EXPECT_EQ(max.asInt(), std::numeric_limits<int64_t>::max());
  json::Value min = mustParse("-9223372036854775808");
  ASSERT_TRUE(min.isInt());
  EXPECT_EQ(min.asInt(), std::numeric_limits<int64_t>::min());
}

TEST(JsonParse, IntegersTooLargeBecomeDouble) {
  json::Value above = mustParse("9223372036854775808");
  ASSERT_TRUE(above.isNumber());
  EXPECT_FALSE(above.isInt());
  EXPECT_EQ(above.asDouble(), 9223372036854775808.0);
  EXPECT_EQ(above.asInt(-7), -7);  // out of int64 range: fallback

  json::Value below = mustParse("-9223372036854775809");
  EXPECT_FALSE(below.isInt());
  EXPECT_EQ(below.asDouble(), -9223372036854775808.0);

  json::Value huge = mustParse("123456789012345678901234567890");
  EXPECT_TRUE(huge.isDouble());
  EXPECT_EQ(huge.asDouble(), 1.2345678901234568e29);
}

TEST(JsonParse, Doubles) {
  json::Value v = mustParse("1.5");
  ASSERT_TRUE(v.isDouble());
  EXPECT_EQ(v.asDouble(), 1.5);
  EXPECT_EQ(mustParse("-1.5e3").asDouble(), -1500.0);
  EXPECT_EQ(mustParse("1E2").asDouble(), 100.0);
  EXPECT_FALSE(mustParse("1E2").isInt());  // exponent form is a double
  EXPECT_EQ(mustParse("1e+2").asDouble(), 100.0);
  EXPECT_EQ(mustParse("25e-2").asDouble(), 0.25);
  EXPECT_EQ(mustParse("0.1").asDouble(), 0.1);
  EXPECT_EQ(mustParse("-0.0").asDouble(), 0.0);
  EXPECT_TRUE(std::signbit(mustParse("-0.0").asDouble()));
  EXPECT_EQ(mustParse("4.9e-324").asDouble(), std::numeric_limits<double>::denorm_min());
  EXPECT_EQ(mustParse("1.7976931348623157e308").asDouble(), std::numeric_limits<double>::max());
  EXPECT_EQ(mustParse("2.9").asInt(), 2);
  EXPECT_EQ(mustParse("-2.9").asInt(), -2);
}

TEST(JsonParse, NumberUnderflowIsZeroOverflowIsError) {
  json::Value tiny = mustParse("1e-400");
  EXPECT_TRUE(tiny.isDouble());
  EXPECT_EQ(tiny.asDouble(), 0.0);
  EXPECT_TRUE(std::signbit(mustParse("-1e-400").asDouble()));
  EXPECT_EQ(mustParse("0.0000000001e-399").asDouble(), 0.0);
  EXPECT_EQ(mustParse("1000e-99999999999999999999").asDouble(), 0.0);
  EXPECT_EQ(mustParse("0e99999").asDouble(), 0.0);

  json::ParseError e = mustFail("[1e400]");
  EXPECT_EQ(e.offset, 1u);
  EXPECT_EQ(e.message, "number out of range");
  EXPECT_EQ(mustFail("-1e400").offset, 0u);
  EXPECT_EQ(mustFail("0.001e99999999999999999999").message, "number out of range");
  EXPECT_EQ(mustFail(std::string(400, '9')).message, "number out of range");
}

TEST(JsonParse, MalformedNumbers) {
  EXPECT_EQ(mustFail("01").message, "leading zeros are not allowed");
  EXPECT_EQ(mustFail("01").offset, 0u);
  EXPECT_EQ(mustFail("-01").offset, 1u);
  EXPECT_EQ(mustFail("00").offset, 0u);
  EXPECT_EQ(mustFail("[1, 007]").offset, 4u);
  EXPECT_EQ(mustFail("1.").offset, 2u);
  EXPECT_EQ(mustFail("1.e5").offset, 2u);
  EXPECT_EQ(mustFail("1e").offset, 2u);
  EXPECT_EQ(mustFail("1e+").offset, 3u);
  EXPECT_EQ(mustFail("-").offset, 1u);
  EXPECT_EQ(mustFail("-a").offset, 1u);
  EXPECT_EQ(mustFail(".5").offset, 0u);
  EXPECT_EQ(mustFail("+1").offset, 0u);
  EXPECT_EQ(mustFail("0x10").offset, 1u);
  EXPECT_EQ(mustFail("1.5.2").offset, 3u);
  EXPECT_EQ(mustFail("NaN").offset, 0u);
  EXPECT_EQ(mustFail("nan").offset, 0u);
  EXPECT_EQ(mustFail("Infinity").offset, 0u);
  EXPECT_EQ(mustFail("-Infinity").offset, 1u);
  EXPECT_EQ(mustFail("[-inf]").offset, 2u);
}

TEST(JsonParse, EveryEscape) {
  json::Value v = mustParse(R"("\"\\\/\b\f\n\r\t")");
  ASSERT_TRUE(v.isString());
  EXPECT_EQ(v.asString(), "\"\\/\b\f\n\r\t");
  EXPECT_EQ(mustParse(R"("a\u0041b")").asString(), "aAb");
  EXPECT_EQ(mustParse(R"("\u00e9\u00E9")").asString(), "\xC3\xA9\xC3\xA9");
  EXPECT_EQ(mustParse(R"("\u20AC")").asString(), "\xE2\x82\xAC");
  EXPECT_EQ(mustParse(R"("\u007f\u0080\u07FF\u0800\uFFFF")").asString(),
            "\x7F\xC2\x80\xDF\xBF\xE0\xA0\x80\xEF\xBF\xBF");
  std::string nul = mustParse(R"("a\u0000b")").asString();
  EXPECT_EQ(nul, std::string("a\0b", 3));
}

TEST(JsonParse, SurrogatePairs) {
  EXPECT_EQ(mustParse(R"("\uD83D\uDE00")").asString(), "\xF0\x9F\x98\x80");      // U+1F600
  EXPECT_EQ(mustParse(R"("\ud800\udc00")").asString(), "\xF0\x90\x80\x80");      // U+10000
  EXPECT_EQ(mustParse(R"("x\uDBFF\uDFFFy")").asString(), "x\xF4\x8F\xBF\xBFy");  // U+10FFFF
}

TEST(JsonParse, BadEscapes) {
  EXPECT_EQ(mustFail(R"("ab\x")").offset, 3u);
  EXPECT_EQ(mustFail(R"("ab\x")").message, "invalid escape sequence");
  EXPECT_EQ(mustFail(R"("\')").offset, 1u);
  EXPECT_EQ(mustFail(R"("\u12")").message, "invalid \\u escape");
  EXPECT_EQ(mustFail(R"("\u12G4")").offset, 1u);
  EXPECT_EQ(mustFail(R"("\u")").offset, 1u);
  EXPECT_EQ(mustFail(R"("\u-123")").offset, 1u);
  EXPECT_EQ(mustFail(R"("\u+123")").offset, 1u);
  EXPECT_EQ(mustFail(R"("\u 123")").offset, 1u);
  EXPECT_EQ(mustFail(R"("\u0x12")").offset, 1u);
  EXPECT_EQ(mustFail("\"abc\\").message, "unterminated string");

  json::ParseError lone = mustFail(R"("ok\uD800")");
  EXPECT_EQ(lone.offset, 3u);
  EXPECT_EQ(lone.message, "unpaired surrogate in \\u escape");
  EXPECT_EQ(mustFail(R"("\uD800\u0041")").offset, 1u);
  EXPECT_EQ(mustFail(R"("\uD800\uD800")").offset, 1u);
  EXPECT_EQ(mustFail(R"("\uD800x")").offset, 1u);
  EXPECT_EQ(mustFail(R"("\uD800\n")").offset, 1u);
  EXPECT_EQ(mustFail(R"("\uDC00\uD800")").offset, 1u);
  EXPECT_EQ(mustFail(R"("ab\uDFFF")").message, "unpaired surrogate in \\u escape");
}

TEST(JsonParse, ValidUtf8PassesThrough) {
  const std::string text = "\"caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBF\"";
  EXPECT_EQ(mustParse(text).asString(), "caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80 \xEF\xBF\xBF");
}

TEST(JsonParse, InvalidUtf8RejectedWithOffset) {
  json::ParseError e = mustFail("\"ab\xFF\"");
  EXPECT_EQ(e.offset, 3u);
  EXPECT_EQ(e.message, "invalid UTF-8 in string");
  EXPECT_EQ(mustFail("\"\xC0\xAF\"").offset, 1u);          // overlong '/'
  EXPECT_EQ(mustFail("\"\xE0\x80\xAF\"").offset, 1u);      // overlong 3-byte
  EXPECT_EQ(mustFail("\"\xF0\x80\x80\xAF\"").offset, 1u);  // overlong 4-byte
  EXPECT_EQ(mustFail("\"x\xED\xA0\x80\"").offset, 2u);     // encoded surrogate
  EXPECT_EQ(mustFail("\"\xF4\x90\x80\x80\"").offset, 1u);  // above U+10FFFF
  EXPECT_EQ(mustFail("\"\xF5\x80\x80\x80\"").offset, 1u);
  EXPECT_EQ(mustFail("\"\x80\"").offset, 1u);         // lone continuation byte
  EXPECT_EQ(mustFail("\"abc\xE2\x82\"").offset, 4u);  // truncated before the quote
  EXPECT_EQ(mustFail("\"abc\xE2\x82").offset, 4u);    // truncated at end of input
  EXPECT_EQ(mustFail("{\"k\xC3\":1}").offset, 3u);    // in keys too
}

TEST(JsonParse, ControlCharactersInStrings) {
  json::ParseError e = mustFail("\"a\nb\"");
  EXPECT_EQ(e.offset, 2u);
  EXPECT_EQ(e.message, "control character in string must be escaped");
  EXPECT_EQ(mustFail("\"\t\"").offset, 1u);
  EXPECT_EQ(mustFail(std::string("\"ab\0\"", 5)).offset, 3u);
  EXPECT_EQ(mustFail("\"\x1F\"").offset, 1u);
  EXPECT_EQ(mustParse("\"\x7F\"").asString(), "\x7F");  // DEL is not a JSON control character
}

TEST(JsonParse, MalformedDocuments) {
  EXPECT_EQ(mustFail("").message, "unexpected end of input");
  EXPECT_EQ(mustFail("   ").offset, 3u);
  EXPECT_EQ(mustFail("[").offset, 1u);
  EXPECT_EQ(mustFail("[1").offset, 2u);
  EXPECT_EQ(mustFail("[1,").offset, 3u);
  EXPECT_EQ(mustFail("{").offset, 1u);
  EXPECT_EQ(mustFail("{\"a\"").offset, 4u);
  EXPECT_EQ(mustFail("{\"a\":").offset, 5u);
  EXPECT_EQ(mustFail("\"abc").message, "unterminated string");
  EXPECT_EQ(mustFail("\"abc").offset, 4u);

  EXPECT_EQ(mustFail("[1,]").offset, 3u);
  EXPECT_EQ(mustFail("[1,]").message, "expected a JSON value");
  EXPECT_EQ(mustFail("{\"a\":1,}").offset, 7u);
  EXPECT_EQ(mustFail("{\"a\":1,}").message, "expected string key");
  EXPECT_EQ(mustFail("[,1]").offset, 1u);
  EXPECT_EQ(mustFail("{,}").offset, 1u);
  EXPECT_EQ(mustFail("{'a':1}").offset, 1u);
  EXPECT_EQ(mustFail("['a']").offset, 1u);
  EXPECT_EQ(mustFail("{a:1}").offset, 1u);
  EXPECT_EQ(mustFail("{1:2}").offset, 1u);
  EXPECT_EQ(mustFail("{\"a\" 1}").message, "expected ':'");
  EXPECT_EQ(mustFail("{\"a\":1 \"b\":2}").message, "expected ',' or '}'");
  EXPECT_EQ(mustFail("[1 2]").message, "expected ',' or ']'");
  EXPECT_EQ(mustFail("[1 2]").offset, 3u);
  EXPECT_EQ(mustFail("[1}").offset, 2u);
  EXPECT_EQ(mustFail("{\"a\":1]").offset, 6u);

  EXPECT_EQ(mustFail("tru").message, "invalid literal");
  EXPECT_EQ(mustFail("nul").offset, 0u);
  EXPECT_EQ(mustFail("True").offset, 0u);
  EXPECT_EQ(mustFail("undefined").offset, 0u);
  EXPECT_EQ(mustFail("hello").message, "expected a JSON value");
  EXPECT_EQ(mustFail("[true, nulL]").offset, 7u);

  json::ParseError trailing = mustFail("{\"a\":1} x");
  EXPECT_EQ(trailing.offset, 8u);
  EXPECT_EQ(trailing.message, "unexpected characters after JSON value");
  EXPECT_EQ(mustFail("1 2").offset, 2u);
  EXPECT_EQ(mustFail("[1]]").offset, 3u);
  EXPECT_EQ(mustFail("nulll").offset, 4u);
  EXPECT_EQ(mustFail("truefalse").offset, 4u);
  EXPECT_EQ(mustFail("]").offset, 0u);
  EXPECT_EQ(mustFail("// comment\n1").offset, 0u);
  EXPECT_EQ(mustFail(std::string("1\0", 2)).offset, 1u);
  EXPECT_EQ(mustFail("\xEF\xBB\xBF{}").offset, 0u);  // no BOM
}

TEST(JsonParse, NoErrorOutParameterIsFine) {
  EXPECT_FALSE(json::parse("[1,").has_value());
  EXPECT_TRUE(json::parse("[1]").has_value());
}

TEST(JsonParse, EveryTruncationOfADocumentFails) {
  const std::string doc =
      R"({"a":[1,-2.5e3,true,false,null,"s\u00e9\n\uD83D\uDE00"],"b":{"c":{}},"d":[]})";
  mustParse(doc);
  for (size_t n = 0; n < doc.size(); ++n) {
    json::ParseError error;
    EXPECT_FALSE(json::parse(std::string_view(doc).substr(0, n), &error).has_value()) << n;
    EXPECT_LE(error.offset, n);
  }
}

TEST(JsonParse, DepthLimit) {
  std::string ok = std::string(128, '[') + std::string(128, ']');
  EXPECT_EQ(mustParse(ok).size(), 1u);

  std::string tooDeep = std::string(129, '[') + std::string(129, ']');
  json::ParseError e = mustFail(tooDeep);
  EXPECT_EQ(e.offset, 128u);
  EXPECT_EQ(e.message, "nesting deeper than 128 levels");

  // Empty containers count as a level too; objects and arrays count alike.
  EXPECT_EQ(mustFail("[[]]", 1).offset, 1u);
  EXPECT_EQ(mustFail("{\"a\":{}}", 1).offset, 5u);
  mustFail("[]", 0);
  EXPECT_TRUE(json::parse("[{\"a\":[]}]", nullptr, 3).has_value());
  EXPECT_FALSE(json::parse("[{\"a\":[[]]}]", nullptr, 3).has_value());
  EXPECT_TRUE(json::parse("7", nullptr, 0).has_value());
}

TEST(JsonParse, HostileNestingDoesNotOverflowTheStack) {
  const std::string brackets(100000, '[');
  json::ParseError e = mustFail(brackets);
  EXPECT_EQ(e.offset, 128u);
  EXPECT_EQ(e.message, "nesting deeper than 128 levels");

  std::string mixed;
  for (int i = 0; i < 50000; ++i) mixed += "{\"a\":[";
  EXPECT_EQ(mustFail(mixed).message, "nesting deeper than 128 levels");

  // The parser itself is iterative: even an absurd limit only costs heap.
  json::ParseError unlimited = mustFail(brackets, 1000000);
  EXPECT_EQ(unlimited.offset, 100000u);
  EXPECT_EQ(unlimited.message, "unexpected end of input");
}

TEST(JsonObject, KeepsInsertionOrderAndLooksUp) {
  json::Value v = mustParse(R"({"b":1,"a":"two","c":[3],"":null})");
  ASSERT_TRUE(v.isObject());
  ASSERT_EQ(v.size(), 4u);
  const json::Object& members = v.asObject();
  EXPECT_EQ(members[0].first, "b");
  EXPECT_EQ(members[1].first, "a");
  EXPECT_EQ(members[2].first, "c");
  EXPECT_EQ(members[3].first, "");

  EXPECT_EQ(v["b"].asInt(), 1);
  EXPECT_EQ(v["a"].asString(), "two");
  EXPECT_EQ(v["c"][0].asInt(), 3);
  EXPECT_TRUE(v.contains(""));
  EXPECT_TRUE(v[""].isNull());
  EXPECT_TRUE(v.contains("a"));
  EXPECT_FALSE(v.contains("A"));
  ASSERT_NE(v.find("c"), nullptr);
  EXPECT_EQ(v.find("c")->size(), 1u);
  EXPECT_EQ(v.find("missing"), nullptr);

  // Missing keys, wrong types and out-of-range indexes all read as null.
  EXPECT_TRUE(v["missing"].isNull());
  EXPECT_TRUE(v["missing"]["deeper"][3]["x"].isNull());
  EXPECT_TRUE(v["c"][1].isNull());
  EXPECT_TRUE(v["a"]["x"].isNull());
  EXPECT_TRUE(v[0].isNull());
  EXPECT_EQ(v["a"].asInt(42), 42);
  EXPECT_EQ(v["b"].asString(), "");
  EXPECT_TRUE(v["b"].asArray().empty());
  EXPECT_TRUE(v["b"].asObject().empty());
  EXPECT_FALSE(json::Value(3).contains("a"));
}

TEST(JsonObject, DuplicateKeysLastWins) {
  json::Value v = mustParse(R"({"a":1,"b":2,"a":3})");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v.asObject()[0].first, "a");
  EXPECT_EQ(v.asObject()[1].first, "b");
  EXPECT_EQ(v["a"].asInt(), 3);
  EXPECT_EQ(json::stringify(v), R"({"a":3,"b":2})");
}

TEST(JsonObject, DuplicateKeysInLargeObjects) {
  // More than 16 members takes the hashed path.
  std::string text = "{";
  for (int i = 0; i < 40; ++i) {
    text += "\"k" + std::to_string(i % 25) + "\":" + std::to_string(i) + ",";
  }
  text += "\"k3\":\"last\"}";
  json::Value v = mustParse(text);
  ASSERT_EQ(v.size(), 25u);
  for (int i = 0; i < 25; ++i) {
    EXPECT_EQ(v.asObject()[i].first, "k" + std::to_string(i));
  }
  EXPECT_EQ(v["k0"].asInt(), 25);
  EXPECT_EQ(v["k14"].asInt(), 39);
  EXPECT_EQ(v["k15"].asInt(), 15);
  EXPECT_EQ(v["k24"].asInt(), 24);
  EXPECT_EQ(v["k3"].asString(), "last");
}

TEST(JsonObject, SetReplacesInPlace) {
  json::Value v = json::Value::object();
  EXPECT_TRUE(v.isObject());
  EXPECT_EQ(v.size(), 0u);
  v.set("model", "gpt");
  v.set("stream", true);
  json::Value& replaced = v.set("model", std::string("claude"));
  EXPECT_EQ(replaced.asString(), "claude");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v.asObject()[0].first, "model");
  EXPECT_EQ(json::stringify(v), R"({"model":"claude","stream":true})");

  json::Value* stream = v.find("stream");
  ASSERT_NE(stream, nullptr);
  *stream = json::Value(false);
  EXPECT_FALSE(v["stream"].asBool(true));

  json::Value fromNull;
  fromNull.set("x", 1).set("y", 2);  // set returns the stored value
  EXPECT_EQ(json::stringify(fromNull), R"({"x":{"y":2}})");
}

TEST(JsonArray, IndexPushAndIterate) {
  json::Value v = mustParse("[10, \"x\", [], {}]");
  ASSERT_TRUE(v.isArray());
  ASSERT_EQ(v.size(), 4u);
  EXPECT_EQ(v[0].asInt(), 10);
  EXPECT_EQ(v[1].asString(), "x");
  EXPECT_TRUE(v[2].isArray());
  EXPECT_TRUE(v[3].isObject());
  EXPECT_TRUE(v[4].isNull());
  EXPECT_TRUE(v[size_t(-1)].isNull());

  json::Value a = json::Value::array();
  EXPECT_TRUE(a.isArray());
  a.push(1);
  a.push("two");
  a.push(json::Value()).push(3);  // push returns the new element
  int64_t sum = 0;
  for (const json::Value& item : a.asArray()) sum += item.asInt();
  EXPECT_EQ(sum, 1);
  EXPECT_EQ(json::stringify(a), R"([1,"two",[3]])");
}

TEST(JsonValue, Construction) {
  EXPECT_TRUE(json::Value().isNull());
  EXPECT_TRUE(json::Value(nullptr).isNull());
  EXPECT_TRUE(json::Value(true).isBool());
  json::Value i(42);
  EXPECT_TRUE(i.isInt());
  EXPECT_EQ(i.asInt(), 42);
  EXPECT_EQ(i.asDouble(), 42.0);
  EXPECT_EQ(json::Value(int64_t{-5}).asInt(), -5);
  EXPECT_EQ(json::Value(7u).asInt(), 7);
  EXPECT_EQ(json::Value(size_t{8}).asInt(), 8);
  json::Value big(std::numeric_limits<uint64_t>::max());
  EXPECT_TRUE(big.isDouble());
  EXPECT_EQ(big.asDouble(), 18446744073709551615.0);
  json::Value d(2.5);
  EXPECT_TRUE(d.isDouble());
  EXPECT_FALSE(d.isInt());
  EXPECT_EQ(d.asInt(), 2);
  EXPECT_EQ(json::Value("c").asString(), "c");
  EXPECT_EQ(json::Value(std::string("s")).asString(), "s");
  EXPECT_EQ(json::Value(std::string_view("v")).asString(), "v");
  EXPECT_EQ(json::Value(static_cast<const char*>(nullptr)).asString(), "");
  EXPECT_EQ(json::Value("x").type(), json::Type::String);
  EXPECT_EQ(json::Value(1.0).type(), json::Type::Number);
  EXPECT_EQ(json::Value::array().type(), json::Type::Array);
  EXPECT_EQ(json::Value::object().type(), json::Type::Object);
  EXPECT_FALSE(json::Value("1").isNumber());
  EXPECT_EQ(json::Value("1").asInt(9), 9);
  EXPECT_EQ(json::Value(true).asDouble(1.5), 1.5);
  EXPECT_FALSE(json::Value(1).asBool());
}

TEST(JsonValue, Equality) {
  EXPECT_EQ(mustParse("[1,{\"a\":null}]"), mustParse(" [ 1 , { \"a\" : null } ] "));
  EXPECT_EQ(json::Value(1), json::Value(1.0));
  EXPECT_NE(json::Value(1), json::Value("1"));
  EXPECT_NE(json::Value(true), json::Value(1));
  EXPECT_NE(mustParse("{\"a\":1,\"b\":2}"), mustParse("{\"b\":2,\"a\":1}"));  // order matters
}

TEST(JsonStringify, CompactOutput) {
  json::Value v = json::Value::object();
  json::Value& list = v.set("a", json::Value::array());
  list.push(1);
  list.push(2.5);
  list.push("x");
  list.push(true);
  list.push(false);
  list.push(json::Value());
  v.set("b", json::Value::object());
  v.set("c", -9);
  EXPECT_EQ(json::stringify(v), R"({"a":[1,2.5,"x",true,false,null],"b":{},"c":-9})");
  EXPECT_EQ(json::stringify(json::Value()), "null");
  EXPECT_EQ(json::stringify(json::Value::array()), "[]");
}

TEST(JsonStringify, RoundTrips) {
  const char* docs[] = {
      R"({"model":"m","messages":[{"role":"user","content":"hi\nthere"}],"stream":true})",
      R"([0,-1,9223372036854775807,-9223372036854775808,1.5,-0.25,1e+300,5e-324])",
      R"({"nested":{"deeper":{"deepest":[[],[{}],null]}},"":"empty key"})",
      R"(["\"\\\b\f\n\r\t\u0001\u001f","é€😀"])",
  };
  for (const char* doc : docs) {
    EXPECT_EQ(roundTrip(doc), doc);
  }
  EXPECT_EQ(roundTrip(" { \"a\" : [ 1 , 2 ] } "), R"({"a":[1,2]})");
  EXPECT_EQ(roundTrip(R"("\u0041\/\u00e9")"), "\"A/\xC3\xA9\"");
  EXPECT_EQ(roundTrip(R"("\uD83D\uDE00")"), "\"\xF0\x9F\x98\x80\"");
  EXPECT_EQ(roundTrip("1E2"), "100");
  EXPECT_EQ(roundTrip("-0"), "-0");
  EXPECT_EQ(roundTrip("-0.0"), "-0");
  EXPECT_EQ(roundTrip("1e-400"), "0");
}

TEST(JsonStringify, DoublesAreShortestAndRoundTrip) {
  EXPECT_EQ(json::stringify(json::Value(0.1)), "0.1");
  EXPECT_EQ(json::stringify(json::Value(0.1 + 0.2)), "0.30000000000000004");
  EXPECT_EQ(json::stringify(json::Value(1e300)), "1e+300");
  EXPECT_EQ(json::stringify(json::Value(-1.5e-7)), "-1.5e-07");
  EXPECT_EQ(json::stringify(json::Value(3.0)), "3");
  EXPECT_EQ(json::stringify(json::Value(-0.0)), "-0");
  EXPECT_EQ(json::stringify(json::Value(std::numeric_limits<double>::max())),
            "1.7976931348623157e+308");

  const double samples[] = {0.1 + 0.2,
                            1.0 / 3.0,
                            2.0 / 3.0,
                            6.02214076e23,
                            std::numeric_limits<double>::denorm_min(),
                            std::numeric_limits<double>::min(),
                            123456.789e-12};
  for (double d : samples) {
    json::Value back = mustParse(json::stringify(json::Value(d)));
    EXPECT_EQ(back.asDouble(), d);
  }
}

TEST(JsonStringify, NonFiniteBecomesNull) {
  json::Value v = json::Value::array();
  v.push(std::numeric_limits<double>::quiet_NaN());
  v.push(std::numeric_limits<double>::infinity());
  v.push(-std::numeric_limits<double>::infinity());
  EXPECT_EQ(json::stringify(v), "[null,null,null]");
}

TEST(JsonStringify, EscapesControlCharacters) {
  std::string out;
  json::appendQuoted(out, std::string("\"\\/\b\f\n\r\t\x01\x1f\x7f\0", 12));
  EXPECT_EQ(out, R"("\"\\/\b\f\n\r\t\u0001\u001f)"
                 "\x7f"
                 R"(\u0000")");

  std::string all;
  for (int c = 0; c < 0x20; ++c) all += static_cast<char>(c);
  EXPECT_EQ(json::stringify(json::Value(all)),
            R"("\u0000\u0001\u0002\u0003\u0004\u0005\u0006\u0007\b\t\n\u000b\f\r\u000e\u000f)"
            R"(\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c)"
            R"(\u001d\u001e\u001f")");
  EXPECT_EQ(mustParse(json::stringify(json::Value(all))).asString(), all);

  std::string appended = "data: ";
  json::appendQuoted(appended, "x");
  EXPECT_EQ(appended, "data: \"x\"");
  std::string empty;
  json::appendQuoted(empty, "");
  EXPECT_EQ(empty, "\"\"");
}

TEST(JsonStringify, Utf8PassesThroughInvalidBecomesReplacement) {
  std::string out;
  json::appendQuoted(out, "caf\xC3\xA9 \xF0\x9F\x98\x80");
  EXPECT_EQ(out, "\"caf\xC3\xA9 \xF0\x9F\x98\x80\"");

  out.clear();
  json::appendQuoted(out,
                     "a\xFF"
                     "b");
  EXPECT_EQ(out,
            "\"a\xEF\xBF\xBD"
            "b\"");

  out.clear();
  json::appendQuoted(out, "\xE2\x82");  // truncated: each byte is replaced
  EXPECT_EQ(out, "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");

  out.clear();
  json::appendQuoted(out,
                     "\xED\xA0\x80"
                     "x");  // encoded surrogate
  EXPECT_EQ(out, "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDx\"");

  out.clear();
  json::appendQuoted(out, "\xC0\xAF\n");  // overlong then a control character
  EXPECT_EQ(out, "\"\xEF\xBF\xBD\xEF\xBF\xBD\\n\"");

  // Keys are escaped the same way, and the output is always parseable.
  json::Value v = json::Value::object();
  v.set("k\xFF", "v\x80");
  const std::string text = json::stringify(v);
  EXPECT_EQ(text, "{\"k\xEF\xBF\xBD\":\"v\xEF\xBF\xBD\"}");
  EXPECT_TRUE(json::parse(text).has_value());
}

TEST(JsonUtf8, IsValidUtf8) {
  EXPECT_TRUE(json::isValidUtf8(""));
  EXPECT_TRUE(json::isValidUtf8("plain ascii"));
  EXPECT_TRUE(json::isValidUtf8(std::string("nul\0inside", 10)));
  EXPECT_TRUE(json::isValidUtf8("\xC2\x80\xDF\xBF\xE0\xA0\x80\xED\x9F\xBF\xEE\x80\x80"));
  EXPECT_TRUE(json::isValidUtf8("\xF0\x90\x80\x80\xF4\x8F\xBF\xBF"));
  EXPECT_FALSE(json::isValidUtf8("\x80"));
  EXPECT_FALSE(json::isValidUtf8("\xC1\xBF"));          // overlong
  EXPECT_FALSE(json::isValidUtf8("\xE0\x9F\xBF"));      // overlong
  EXPECT_FALSE(json::isValidUtf8("\xED\xA0\x80"));      // surrogate
  EXPECT_FALSE(json::isValidUtf8("\xF0\x8F\xBF\xBF"));  // overlong
  EXPECT_FALSE(json::isValidUtf8("\xF4\x90\x80\x80"));  // above U+10FFFF
  EXPECT_FALSE(json::isValidUtf8("\xF8\x88\x80\x80\x80"));
  EXPECT_FALSE(json::isValidUtf8("ok\xE2\x82"));  // truncated
  EXPECT_FALSE(json::isValidUtf8("\xC3("));
}

// Random mutations of a valid document must never crash, and whatever is
// accepted must stringify to text that parses back to an equal value.
TEST(JsonParse, RandomMutationsNeverCrash) {
  const std::string seed =
      R"({"id":"x1","n":[0,-1.5e-3,9223372036854775807],"s":"a\"\\\u00e9\uD83D\uDE00","o":{"t":true,"f":false,"z":null}})";
  std::mt19937 rng(12345);
  const std::string alphabet = "{}[]\":,\\u0123456789eE+-.tfnrl \t\n\x80\xC3\xED\xF4\xFF\x01";
  int accepted = 0;
  for (int iteration = 0; iteration < 20000; ++iteration) {
    std::string text = seed;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const size_t at = rng() % (text.size() + 1);
      const char c = alphabet[rng() % alphabet.size()];
      switch (rng() % 3) {
        case 0:
          text.insert(at, 1, c);
          break;
        case 1:
          if (at < text.size()) text.erase(at, 1);
          break;
        default:
          if (at < text.size()) text[at] = c;
          break;
      }
    }
    json::ParseError error;
    std::optional<json::Value> v = json::parse(text, &error);
    if (!v) {
      EXPECT_LE(error.offset, text.size());
      EXPECT_FALSE(error.message.empty());
      continue;
    }
    ++accepted;
    const std::string out = json::stringify(*v);
    EXPECT_TRUE(json::isValidUtf8(out));
    std::optional<json::Value> again = json::parse(out);
    ASSERT_TRUE(again.has_value()) << out;
    EXPECT_EQ(json::stringify(*again), out);
  }
  EXPECT_GT(accepted, 0);
}
