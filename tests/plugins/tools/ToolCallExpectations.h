#pragma once

#include <gtest/gtest.h>

#include <manifold/json.hpp>

#include <initializer_list>
#include <string>

#include "tools/ToolResult.h"

namespace manifold::test {

/// The JSON of a successful tool call; a failed call fails the test with its message.
inline json::Value okJson(const tools::ToolResult& result) {
  EXPECT_TRUE(result.ok) << result.errorName() << ": " << result.message;
  const std::optional<json::Value> parsed = json::parse(result.json);
  EXPECT_TRUE(parsed && parsed->isObject()) << result.json;
  return parsed ? *parsed : json::Value();
}

/// A failed call with `code` whose message contains every one of `words`.
inline void expectError(const tools::ToolResult& result, int32_t code,
                        std::initializer_list<std::string> words) {
  ASSERT_FALSE(result.ok) << "expected an error, got " << result.json;
  EXPECT_EQ(result.errorCode, code) << result.errorName() << ": " << result.message;
  for (const std::string& word : words)
    EXPECT_NE(result.message.find(word), std::string::npos)
        << "message \"" << result.message << "\" does not name \"" << word << "\"";
}

/// A failed call with `code` whose message names `cause`.
inline void expectError(const tools::ToolResult& result, int32_t code, const std::string& cause) {
  expectError(result, code, {cause});
}

}  // namespace manifold::test
