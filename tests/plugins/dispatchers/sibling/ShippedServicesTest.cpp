// The five sibling services the shipped config declares
// (packaging/config/manifold.json): loaded by the real sibling.so, listed
// disabled until the operator sets an endpoint, and routed by their intents
// without taking any message of the router's labelled corpus from its mode.
#include <gtest/gtest.h>

#include <manifold/json.hpp>

#include <fstream>
#include <sstream>

#include "plugins/dispatchers/sibling/LoadedSibling.h"
#include "router/RuleBasedRouter.h"
#include "support/IntentCorpus.h"

namespace manifold::test {
namespace {

using manifold::json::Value;

Value readJson(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::optional<Value> v = manifold::json::parse(text.str());
  EXPECT_TRUE(v.has_value()) << "cannot read " << path;
  return v.value_or(Value());
}

class ShippedServicesTest : public ::testing::Test {
 protected:
  ShippedServicesTest()
      : loaded_(
            manifold::json::stringify(readJson(
                std::string(MANIFOLD_SOURCE_DIR) +
                "/packaging/config/manifold.json")["plugins"]["settings"]["sibling"]["services"]),
            {}),
        router_(&loaded_.directory()) {}

  router::RouteDecision route(const std::string& text) {
    return router_.route(router::RouterInput{text, false});
  }

  LoadedSibling loaded_;
  router::RuleBasedRouter router_;
};

TEST_F(ShippedServicesTest, FiveServicesAreDeclaredAndDisabledUntilAnEndpointIsSet) {
  ASSERT_NE(loaded_.plugin(), nullptr) << loaded_.refusal();
  const DispatchOutcome listed = loaded_.listServices();
  ASSERT_TRUE(listed.ok()) << listed.message();
  const Value services = manifold::json::parse(listed.json).value_or(Value());
  std::vector<std::string> intents;
  for (const Value& s : services.asArray()) {
    intents.push_back(s["intents"][0].asString());
    EXPECT_FALSE(s["enabled"].asBool(true)) << s["service"].asString();
    EXPECT_EQ(s["detail"].asString(), "endpoint not set");
  }
  EXPECT_EQ(intents, (std::vector<std::string>{"voice", "workflow", "eval", "rag", "ocr"}));
}

TEST_F(ShippedServicesTest, EachServiceTakesTheMessagesOfItsIntent) {
  ASSERT_NE(loaded_.plugin(), nullptr) << loaded_.refusal();
  const std::vector<std::pair<std::string, std::string>> examples = {
      {"Please read this aloud for me", "voice"},
      {"can you say the first paragraph out?", "voice"},
      {"start workflow onboarding for the new hire", "workflow"},
      {"Run the evals on the new system prompt", "eval"},
      {"What does the lease PDF say about pets?", "rag"},
      {"search my PDFs for the warranty terms", "rag"},
      {"Scan this receipt and give me the total", "ocr"},
      {"extract the VAT from these invoices", "ocr"},
  };
  for (const auto& [text, intent] : examples) {
    const router::RouteDecision d = route(text);
    EXPECT_TRUE(d.isPluginIntent()) << text;
    EXPECT_EQ(d.intent, intent) << text;
    EXPECT_EQ(d.pluginId, "sibling") << text;
  }
}

TEST_F(ShippedServicesTest, NoMessageOfTheRouterCorpusIsTakenFromItsMode) {
  ASSERT_NE(loaded_.plugin(), nullptr) << loaded_.refusal();
  for (const CorpusMessage& m : readIntentCorpus()) {
    const router::RouteDecision d = router_.route(router::RouterInput{m.text, m.image});
    EXPECT_FALSE(d.isPluginIntent())
        << m.file << ": \"" << m.text << "\" went to intent " << d.intent;
  }
}

}  // namespace
}  // namespace manifold::test
