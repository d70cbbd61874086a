#pragma once

#include <string>
#include <utility>
#include <vector>

namespace manifold::test {

/// What one request to a FakeProvider route gets back. The defaults answer a
/// chat completion with the two tokens "Hello" and " world", at once.
///
/// Token counts below (cutAfterTokens, stallAfterTokens, malformedAfterTokens)
/// count content tokens already sent: 0 means before the first token.
struct FakeBehaviour {
  /// Non-200: answer with this status, `headers` and `body` (an OpenAI error
  /// body for the status when `body` is empty), after headerDelayMs.
  int status = 200;
  /// Extra response headers, sent with any status, e.g. {"Retry-After", "2"}.
  std::vector<std::pair<std::string, std::string>> headers;
  /// The error body for a non-200 status; empty means a generated OpenAI error.
  std::string body;
  /// The content deltas, in order (or the tool call's argument pieces).
  std::vector<std::string> tokens{"Hello", " world"};
  /// Sleep before the status line. Large values make a silent upstream.
  int headerDelayMs = 0;
  /// After the headers and the role delta, before the first content token.
  int firstTokenDelayMs = 0;
  /// Between two content tokens.
  int tokenDelayMs = 0;
  /// Shut the connection down after N tokens: no finish chunk, no [DONE], and
  /// the chunked body is never terminated.
  int cutAfterTokens = -1;
  /// After N tokens send nothing for stallMs while the connection stays open,
  /// then carry on as usual.
  int stallAfterTokens = -1;
  int stallMs = 0;
  /// After N tokens send `data: {"choices":[{"delta":{"content":` (invalid
  /// JSON), then `data: [DONE]` and a properly terminated body, so the broken
  /// frame is the only fault.
  int malformedAfterTokens = -1;
  /// Send the finish chunk and end the body cleanly, but without `data: [DONE]`.
  bool omitDone = false;
  /// Read the request, then close the connection without any response.
  bool resetBeforeHeaders = false;
  /// Send an SSE comment ": keep-alive\n\n" before the first token.
  bool keepAliveComments = false;
  /// When set, answer with one tool call (id "call_1") whose arguments are the
  /// tokens joined, instead of text. finish_reason becomes "tool_calls" unless
  /// finishReason is changed from "stop".
  std::string toolCallName;
  std::string finishReason = "stop";
  /// usage.prompt_tokens; usage.completion_tokens is the number of tokens.
  int promptTokens = 7;
  /// When set (with status 200), the answer is exactly these bytes, whatever
  /// the request path: a recorded stream in any provider's format.
  std::string rawBody;
  std::string rawContentType = "text/event-stream";
  /// usage.prompt_tokens_details.cached_tokens, sent only when above 0.
  int cachedTokens = 0;
};

}  // namespace manifold::test
