#include "support/OpenAiAssertions.h"

#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include <sstream>

#include "config/JsonSchemaValidator.h"

namespace manifold::test {

using Poco::JSON::Object;

Object::Ptr parseObject(const std::string& text) {
  return Poco::JSON::Parser().parse(text).extract<Object::Ptr>();
}

std::vector<std::string> ssePayloads(const std::string& body) {
  std::vector<std::string> out;
  std::istringstream in(body);
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("data: ", 0) == 0) out.push_back(line.substr(6));
  return out;
}

std::vector<SseEvent> sseEvents(const std::string& body) {
  std::vector<SseEvent> out;
  SseEvent current;
  std::istringstream in(body);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("event: ", 0) == 0) current.name = line.substr(7);
    if (line.rfind("data: ", 0) == 0) current.data = line.substr(6);
    if (line.empty() && !current.data.empty()) {
      out.push_back(std::move(current));
      current = {};
    }
  }
  return out;
}

std::string streamedText(const std::string& body) {
  std::string text;
  for (const std::string& payload : ssePayloads(body)) {
    if (payload == "[DONE]") continue;
    Object::Ptr chunk = parseObject(payload);
    Poco::JSON::Array::Ptr choices = chunk->getArray("choices");
    if (!choices || choices->size() == 0) continue;
    Object::Ptr delta = choices->getObject(0)->getObject("delta");
    if (delta && delta->has("content") && delta->get("content").isString())
      text += delta->getValue<std::string>("content");
  }
  return text;
}

void expectOpenAiError(const HttpResult& r, int status, const std::string& messagePart,
                       const std::string& param) {
  EXPECT_EQ(r.status, status) << r.body;
  Object::Ptr error;
  try {
    error = parseObject(r.body)->getObject("error");
  } catch (const Poco::Exception&) {
  }
  ASSERT_TRUE(error) << r.body;
  EXPECT_NE(error->getValue<std::string>("message").find(messagePart), std::string::npos) << r.body;
  EXPECT_TRUE(error->has("type") && error->has("param") && error->has("code"));
  if (!param.empty()) EXPECT_EQ(error->getValue<std::string>("param"), param);
}

std::vector<std::string> eventNames(const std::vector<SseEvent>& events) {
  std::vector<std::string> out;
  for (const SseEvent& e : events) out.push_back(e.name);
  return out;
}

void expectDocumentedEvents(const std::vector<SseEvent>& events) {
  static const config::JsonSchemaValidator schema = config::JsonSchemaValidator::fromFile(
      std::string(MANIFOLD_SOURCE_DIR) + "/schemas/stream-events.schema.json");
  for (const SseEvent& e : events) {
    const Poco::Dynamic::Var data = Poco::JSON::Parser().parse(e.data);
    for (const auto& v : schema.validate(data))
      ADD_FAILURE() << e.name << ": " << v.path << ": " << v.message << " in " << e.data;
    EXPECT_EQ(data.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("type"), e.name);
  }
}

std::string chatBody(const std::string& model, bool stream, const std::string& extra) {
  return R"({"model":")" + model + R"(","stream":)" + (stream ? "true" : "false") +
         R"(,"messages":[{"role":"user","content":"hi"}])" + (extra.empty() ? "" : "," + extra) +
         "}";
}

}  // namespace manifold::test
