// The offline demo provider: deterministic answers, streamed token by token,
// with faults on cue so the quick start can show streaming and failover with
// no provider key. It has no upstream, so it generates instead of translating.
//
// Engine options (config "options"):
//   token_delay_ms   pause before each token (default 20)
//   fault            a fault on every request, as below
// Per request, metadata.demo_fault (a string) overrides it:
//   "status:503"        fail before the first token as an upstream 503 would
//   "status:429:2000"   ... with a retry-after of 2000 ms
//   "stall:5000"        send nothing for 5 s, then fail as a timeout
//   "cut:3"             stream 3 tokens, then fail as a cut connection
#include <manifold/json.hpp>
#include <manifold/plugin.hpp>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#ifndef DEMO_PROVIDER_VERSION
#define DEMO_PROVIDER_VERSION "1.0.0"
#endif

namespace {

using manifold::Engine;
using manifold::Error;
using manifold::EventSink;
namespace json = manifold::json;

struct Fault {
  enum class Kind { None, Status, Stall, Cut } kind = Kind::None;
  int64_t a = 0;   // status code, stall ms or tokens before the cut
  int64_t b = -1;  // retry-after ms for status faults
};

Fault parseFault(const std::string& spec) {
  Fault f;
  const size_t colon = spec.find(':');
  const std::string name = spec.substr(0, colon);
  std::vector<int64_t> numbers;
  for (size_t at = colon; at != std::string::npos;) {
    const size_t next = spec.find(':', at + 1);
    try {
      numbers.push_back(
          std::stoll(spec.substr(at + 1, next == std::string::npos ? next : next - at - 1)));
    } catch (...) {
      throw Error(MF_ERR_INVALID, "demo: malformed fault \"" + spec + "\"");
    }
    at = next;
  }
  if (name == "status")
    f.kind = Fault::Kind::Status, f.a = numbers.empty() ? 503 : numbers[0];
  else if (name == "stall")
    f.kind = Fault::Kind::Stall, f.a = numbers.empty() ? 30000 : numbers[0];
  else if (name == "cut")
    f.kind = Fault::Kind::Cut, f.a = numbers.empty() ? 1 : numbers[0];
  else if (!name.empty() && name != "none")
    throw Error(MF_ERR_INVALID, "demo: unknown fault \"" + name + "\"");
  if (numbers.size() > 1) f.b = numbers[1];
  return f;
}

std::string contentText(const json::Value& content) {
  if (content.isString()) return content.asString();
  std::string text;
  for (const json::Value& part : content.asArray())
    if (part["type"].asString() == "text") text += part["text"].asString();
  return text;
}

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::string current;
  for (char c : text) {
    current += c;
    if (c == ' ') out.push_back(std::move(current)), current.clear();
  }
  if (!current.empty()) out.push_back(current);
  return out;
}

class DemoProvider : public manifold::GeneratingProvider {
 public:
  DemoProvider(manifold::Host, std::string_view) {}

  void generate(const Engine& engine, std::string_view requestJson, EventSink& sink) override {
    json::ParseError parseError;
    const std::optional<json::Value> request = json::parse(requestJson, &parseError);
    if (!request || !request->isObject())
      throw Error(MF_ERR_INVALID, "demo: request is not a JSON object: " + parseError.message);
    const std::optional<json::Value> options =
        json::parse(engine.optionsJson.empty() ? "{}" : engine.optionsJson);
    const json::Value opts = options ? *options : json::Value();

    int64_t delayMs = opts["token_delay_ms"].asInt(20);
    std::string faultSpec = opts["fault"].asString();
    const json::Value& metadata = (*request)["metadata"];
    if (metadata["demo_fault"].isString()) faultSpec = metadata["demo_fault"].asString();
    if (metadata["demo_token_delay_ms"].isString())
      delayMs = std::atoll(metadata["demo_token_delay_ms"].asString().c_str());
    const Fault fault = parseFault(faultSpec);

    std::string lastUser;
    int64_t promptTokens = 0;
    for (const json::Value& message : (*request)["messages"].asArray()) {
      const std::string text = contentText(message["content"]);
      promptTokens += static_cast<int64_t>(words(text).size()) + 1;
      if (message["role"].asString() == "user") lastUser = text;
    }
    if (lastUser.size() > 200) lastUser = lastUser.substr(0, 200) + "...";

    if (fault.kind == Fault::Kind::Status)
      throw manifold::classifyStatus(static_cast<int32_t>(fault.a),
                                     "demo: injected HTTP " + std::to_string(fault.a), fault.b);
    if (fault.kind == Fault::Kind::Stall) stall(fault.a, sink);

    const std::string answer = "Demo engine " + std::string(engine.engineId) + " (" +
                               std::string(engine.model) +
                               ", plugin " DEMO_PROVIDER_VERSION ") heard: \"" + lastUser +
                               "\". This answer is generated offline, token by token, so you can "
                               "watch streaming and failover without a provider key.";
    int64_t sent = 0;
    for (const std::string& token : words(answer)) {
      if (fault.kind == Fault::Kind::Cut && sent == fault.a)
        throw Error(MF_ERR_UNAVAILABLE,
                    "demo: injected cut after " + std::to_string(sent) + " tokens", true);
      if (delayMs > 0) std::this_thread::sleep_for(std::chrono::milliseconds(delayMs));
      if (!sink.text(token)) throw Error(MF_ERR_CANCELLED, "demo: the host stopped the answer");
      ++sent;
    }
    sink.usage(manifold::Usage{promptTokens, sent, 0, 0});
    sink.finish(MF_FINISH_STOP);
  }

 private:
  // Sends no content; the meta heartbeat lets the host stop it at any time.
  static void stall(int64_t ms, EventSink& sink) {
    const auto until = std::chrono::steady_clock::now() + std::chrono::milliseconds(ms);
    while (std::chrono::steady_clock::now() < until) {
      if (!sink.meta("{\"demo\":\"stalling\"}"))
        throw Error(MF_ERR_CANCELLED, "demo: stall cancelled");
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    throw Error(MF_ERR_TIMEOUT, "demo: injected stall of " + std::to_string(ms) + " ms", true);
  }
};

}  // namespace

MANIFOLD_PLUGIN("demo", DEMO_PROVIDER_VERSION,
                "Offline deterministic provider with injectable faults, for demos and tests",
                DemoProvider)
