// Prompt caching: which prefix is marked, and what reaches the upstream and
// the client. The gateway tests use the openai-compatible plugin on the fake.
#include <Poco/JSON/Parser.h>

#include <sstream>

#include "../failover/FailoverFixture.h"
#include "chat/PromptCache.h"

namespace manifold::test {
namespace {

using chat::ChatMessage;
using chat::ChatRequest;
using chat::ContentPart;

ChatMessage message(const std::string& role, const std::string& text) {
  ChatMessage m;
  m.role = role;
  m.content.push_back({ContentPart::Kind::Text, text, "", ""});
  return m;
}

ChatRequest conversation(size_t systemChars, const std::string& secondQuestion = "And now?") {
  ChatRequest r;
  r.messages = {message("system", std::string(systemChars, 's')), message("user", "First?"),
                message("assistant", "An answer."), message("user", secondQuestion)};
  return r;
}

TEST(PromptCacheTest, MarksEverythingBeforeTheLastUserTurn) {
  ChatRequest r = conversation(5000);
  chat::markPromptCache(r, config::PromptCacheConfig{});
  ASSERT_TRUE(r.promptCache.has_value());
  EXPECT_EQ(r.promptCache->prefixMessages, 3);
  EXPECT_EQ(r.promptCache->key.rfind("mf-", 0), 0u);
}

TEST(PromptCacheTest, ShortPrefixesAndSingleTurnsAreLeftAlone) {
  ChatRequest shortPrefix = conversation(100);
  chat::markPromptCache(shortPrefix, config::PromptCacheConfig{});
  EXPECT_FALSE(shortPrefix.promptCache.has_value());

  ChatRequest onlyUser;
  onlyUser.messages = {message("user", std::string(10000, 'u'))};
  chat::markPromptCache(onlyUser, config::PromptCacheConfig{});
  EXPECT_FALSE(onlyUser.promptCache.has_value()) << "no stable prefix: nothing repeats";
}

TEST(PromptCacheTest, OneConfigFlagSwitchesItOff) {
  ChatRequest r = conversation(5000);
  config::PromptCacheConfig off;
  off.enabled = false;
  chat::markPromptCache(r, off);
  EXPECT_FALSE(r.promptCache.has_value());
}

TEST(PromptCacheTest, TheKeyIsStableAcrossTurnsAndDiffersAcrossSystemPrompts) {
  ChatRequest turn1 = conversation(5000, "Second question?");
  ChatRequest turn2 = conversation(5000, "Third question?");
  turn2.messages.insert(turn2.messages.end() - 1, message("user", "Second question?"));
  turn2.messages.insert(turn2.messages.end() - 1, message("assistant", "Another answer."));
  ChatRequest other = conversation(5001);
  for (ChatRequest* r : {&turn1, &turn2, &other})
    chat::markPromptCache(*r, config::PromptCacheConfig{});
  ASSERT_TRUE(turn1.promptCache && turn2.promptCache && other.promptCache);
  EXPECT_EQ(turn1.promptCache->key, turn2.promptCache->key);
  EXPECT_EQ(turn2.promptCache->prefixMessages, 5);
  EXPECT_NE(turn1.promptCache->key, other.promptCache->key);
}

TEST(PromptCacheTest, CanonicalJsonCarriesTheMark) {
  ChatRequest r = conversation(5000);
  chat::markPromptCache(r, config::PromptCacheConfig{});
  const json::Value canonical = json::parse(chat::toCanonicalJson(r, true)).value();
  EXPECT_EQ(canonical["prompt_cache"]["prefix_messages"].asInt(), 3);
  EXPECT_EQ(canonical["prompt_cache"]["key"].asString(), r.promptCache->key);
}

class PromptCacheGatewayTest : public FailoverFixture {
 protected:
  void SetUp() override {
    config::EngineConfig openai = engine("openai");
    openai.optionsJson = R"({"preset":"openai"})";
    config::EngineConfig groq = engine("groq");
    groq.optionsJson = R"({"preset":"groq"})";
    trust_.wrapUserText = true;  // the operator fences client text
    start({openai, groq}, {mode("openai", {"openai"}), mode("groq", {"groq"})});
  }

  std::string longConversation(const std::string& model) const {
    return R"({"model":")" + model + R"(","messages":[{"role":"system","content":")" +
           std::string(6000, 'x') +
           R"("},{"role":"user","content":"a"},{"role":"assistant","content":"b"},)"
           R"({"role":"user","content":"c"}]})";
  }
};

TEST_F(PromptCacheGatewayTest, OpenAiGetsThePromptCacheKeyAndCachedTokensReachTheClient) {
  FakeBehaviour cached;
  cached.promptTokens = 1500;
  cached.cachedTokens = 1408;
  fake_.script("openai", {cached});
  const HttpResult r =
      gateway_->client().post("/v1/chat/completions", longConversation("mode/openai"));
  ASSERT_EQ(r.status, 200) << r.body;
  Poco::JSON::Object::Ptr sent = parseObject(fake_.bodies("openai").at(0));
  EXPECT_EQ(sent->getValue<std::string>("prompt_cache_key").rfind("mf-", 0), 0u);
  Poco::JSON::Object::Ptr usage = parseObject(r.body)->getObject("usage");
  EXPECT_EQ(usage->getValue<int>("prompt_tokens"), 1500);
  EXPECT_EQ(usage->getObject("prompt_tokens_details")->getValue<int>("cached_tokens"), 1408);

  // The same cached usage, asked for through the Anthropic API, is split the
  // Anthropic way.
  fake_.script("openai", {cached});
  std::string anthropic = longConversation("mode/openai");
  anthropic.insert(1, R"("max_tokens":50,)");
  const size_t system = anthropic.find(R"({"role":"system","content":)");
  anthropic.replace(system, std::string(R"({"role":"system","content":)").size(),
                    R"({"role":"user","content":)");
  const HttpResult m = gateway_->client().post("/v1/messages", anthropic);
  ASSERT_EQ(m.status, 200) << m.body;
  Poco::JSON::Object::Ptr anthropicUsage = parseObject(m.body)->getObject("usage");
  EXPECT_EQ(anthropicUsage->getValue<int>("cache_read_input_tokens"), 1408);
  EXPECT_EQ(anthropicUsage->getValue<int>("input_tokens"), 92);
}

TEST_F(PromptCacheGatewayTest, EarlierTurnsReachTheUpstreamByteIdenticalDespiteTheTrustMarkers) {
  std::string turn2 = longConversation("mode/openai");
  turn2.insert(turn2.size() - 2,
               R"(,{"role":"assistant","content":"d"},{"role":"user","content":"e"})");
  ASSERT_EQ(gateway_->client().post("/v1/chat/completions", longConversation("mode/openai")).status,
            200);
  ASSERT_EQ(gateway_->client().post("/v1/chat/completions", turn2).status, 200);
  Poco::JSON::Array::Ptr first = parseObject(fake_.bodies("openai").at(0))->getArray("messages");
  Poco::JSON::Array::Ptr second = parseObject(fake_.bodies("openai").at(1))->getArray("messages");
  ASSERT_EQ(second->size(), first->size() + 2);
  for (size_t i = 0; i + 1 < first->size(); ++i) {
    std::ostringstream a, b;
    first->getObject(i)->stringify(a);
    second->getObject(i)->stringify(b);
    EXPECT_EQ(a.str(), b.str()) << "message " << i << " changed between turns";
  }
  EXPECT_NE(first->getObject(1)->getValue<std::string>("content").find("<<untrusted:user id="),
            std::string::npos)
      << "the user text is still fenced";
}

TEST_F(PromptCacheGatewayTest, ProvidersWithoutTheFieldAndShortPromptsGetNoKey) {
  ASSERT_EQ(gateway_->client().post("/v1/chat/completions", longConversation("mode/groq")).status,
            200);
  EXPECT_FALSE(parseObject(fake_.bodies("groq").at(0))->has("prompt_cache_key"))
      << "groq rejects unknown fields";
  ASSERT_EQ(gateway_->client().post("/v1/chat/completions", chatBody("mode/openai", false)).status,
            200);
  EXPECT_FALSE(parseObject(fake_.bodies("openai").at(0))->has("prompt_cache_key"));
}

}  // namespace
}  // namespace manifold::test
