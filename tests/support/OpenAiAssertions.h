#pragma once

#include <Poco/JSON/Object.h>

#include <string>
#include <vector>

#include "support/HttpTestClient.h"

namespace manifold::test {

Poco::JSON::Object::Ptr parseObject(const std::string& text);

/// The data: payloads of an SSE body, in order.
std::vector<std::string> ssePayloads(const std::string& body);

/// One event of an SSE body with named events (Anthropic's, the native API's).
struct SseEvent {
  std::string name;  ///< its event: field, "" when none
  std::string data;
};
std::vector<SseEvent> sseEvents(const std::string& body);
/// The events' names, in order.
std::vector<std::string> eventNames(const std::vector<SseEvent>& events);

/// Checks every event of a native stream against
/// schemas/stream-events.schema.json, and that its data's "type" is its name.
void expectDocumentedEvents(const std::vector<SseEvent>& events);

/// The concatenated delta.content of an OpenAI chunk stream.
std::string streamedText(const std::string& body);

/// Checks an error reply in the OpenAI shape, its status, part of its
/// message, and its param when given.
void expectOpenAiError(const HttpResult& r, int status, const std::string& messagePart,
                       const std::string& param = "");

/// A chat-completions body: one user message, optional extra top-level JSON
/// members (without braces, e.g. "\"temperature\":1").
std::string chatBody(const std::string& model, bool stream, const std::string& extra = "");

}  // namespace manifold::test
