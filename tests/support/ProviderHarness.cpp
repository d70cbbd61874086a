#include "support/ProviderHarness.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace manifold::test {

using plugins::fromAbi;
using plugins::toAbi;

std::string readFixture(const std::string& provider, const std::string& name) {
  std::ifstream in(std::string(MANIFOLD_SOURCE_DIR) + "/tests/fixtures/" + provider + "/" + name,
                   std::ios::binary);
  EXPECT_TRUE(in) << "missing fixture " << provider << "/" << name;
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

std::string BuiltRequest::header(const std::string& name) const {
  for (const auto& h : headers)
    if (h.first == name) return h.second;
  return "<absent>";
}

namespace {

struct Recorder {
  Events events;
  int stopAfter = -1;

  mf_event_sink sink() {
    return mf_event_sink{sizeof(mf_event_sink), this, [](void* ctx, const mf_event* e) -> int32_t {
                           auto* self = static_cast<Recorder*>(ctx);
                           self->events.push_back(describe(chat::CanonicalEvent::fromAbi(*e)));
                           return self->stopAfter >= 0 &&
                                  static_cast<int>(self->events.size()) >= self->stopAfter;
                         }};
  }
};

}  // namespace

ProviderHarness::ProviderHarness(const std::string& library, const std::string& pluginId)
    : provider_(library, pluginId) {}

mf_engine ProviderHarness::engine() const {
  mf_engine e{};
  e.struct_size = sizeof(e);
  e.engine_id = toAbi(engineId_);
  e.model = toAbi(model_);
  e.base_url = toAbi(baseUrl_);
  e.api_key = toAbi(apiKey_);
  e.options_json = toAbi(options_);
  return e;
}

BuiltRequest ProviderHarness::build(const std::string& canonical) const {
  BuiltRequest out;
  mf_request_builder builder{
      sizeof(mf_request_builder),
      &out,
      [](void* c, mf_str v) { static_cast<BuiltRequest*>(c)->method = fromAbi(v); },
      [](void* c, mf_str v) { static_cast<BuiltRequest*>(c)->url = fromAbi(v); },
      [](void* c, mf_str n, mf_str v) {
        static_cast<BuiltRequest*>(c)->headers.emplace_back(fromAbi(n), fromAbi(v));
      },
      [](void* c, mf_str v) { static_cast<BuiltRequest*>(c)->body = fromAbi(v); }};
  const mf_engine e = engine();
  out.rc = api().build_request(self(), &e, toAbi(canonical), &builder, &out.error);
  return out;
}

StreamResult ProviderHarness::stream(const std::vector<std::string>& pieces, int stopAfter) const {
  Recorder recorder;
  recorder.stopAfter = stopAfter;
  const mf_event_sink sink = recorder.sink();
  const mf_engine e = engine();
  StreamResult result;
  void* parser = api().stream_open(self(), &e, &sink, &result.error);
  EXPECT_NE(parser, nullptr);
  if (!parser) return result;
  for (const std::string& piece : pieces) {
    if (api().stream_feed(parser, toAbi(piece), &result.error) != MF_OK) {
      result.ok = false;
      break;
    }
  }
  if (result.ok) result.ok = api().stream_finish(parser, &result.error) == MF_OK;
  api().stream_close(parser);
  result.events = recorder.events;
  return result;
}

StreamResult ProviderHarness::streamByteByByte(const std::string& bytes) const {
  std::vector<std::string> pieces;
  pieces.reserve(bytes.size());
  for (char c : bytes) pieces.emplace_back(1, c);
  return stream(pieces);
}

void ProviderHarness::expectEveryFeedingGives(const std::string& name, const std::string& bytes,
                                              const Events& expected) const {
  const StreamResult whole = streamWhole(bytes);
  EXPECT_TRUE(whole.ok) << name << ": " << plugins::errorMessage(whole.error);
  EXPECT_EQ(whole.events, expected) << name;
  for (size_t at = 0; at <= bytes.size(); ++at) {
    const StreamResult r = stream({bytes.substr(0, at), bytes.substr(at)});
    ASSERT_TRUE(r.ok) << name << " split at " << at << ": " << plugins::errorMessage(r.error);
    ASSERT_EQ(r.events, expected) << name << " split at " << at;
  }
  const StreamResult bytewise = streamByteByByte(bytes);
  EXPECT_TRUE(bytewise.ok) << name << " byte by byte";
  EXPECT_EQ(bytewise.events, expected) << name << " byte by byte";
}

StreamResult ProviderHarness::parse(const std::string& body) const {
  Recorder recorder;
  const mf_event_sink sink = recorder.sink();
  const mf_engine e = engine();
  StreamResult result;
  result.ok = api().parse_response(self(), &e, toAbi(body), &sink, &result.error) == MF_OK;
  result.events = recorder.events;
  return result;
}

mf_error ProviderHarness::classify(
    int32_t status, const std::string& body,
    const std::vector<std::pair<std::string, std::string>>& headers) const {
  std::vector<mf_header> abi;
  for (const auto& h : headers) abi.push_back({toAbi(h.first), toAbi(h.second)});
  mf_error out = plugins::blankError();
  api().classify_error(self(), status, abi.data(), abi.size(), toAbi(body), &out);
  return out;
}

}  // namespace manifold::test
