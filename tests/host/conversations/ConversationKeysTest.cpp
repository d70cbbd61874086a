// Conversations belong to the key that started them: another key cannot
// read, list, delete or carry one on, and is told 404 (400 on a chat), the
// same as for one that never existed.
#include <stdlib.h>

#include "../failover/FailoverFixture.h"

namespace manifold::test {
namespace {

const std::string kMaster = "mk-test-master-conversations-0123";

class ConversationKeysTest : public FailoverFixture {
 protected:
  void SetUp() override {
    ::setenv("MANIFOLD_MASTER_KEY", kMaster.c_str(), 1);  // read once, at start
    start({engine("smart-1")}, {mode("smart", {"smart-1"})});
    ::unsetenv("MANIFOLD_MASTER_KEY");
  }
  static std::map<std::string, std::string> bearer(const std::string& secret) {
    return {{"Authorization", "Bearer " + secret}};
  }
  std::string createKey(const std::string& name) const {
    const HttpResult r =
        gateway_->client().post("/admin/keys", R"({"name":")" + name + "\"}", bearer(kMaster));
    EXPECT_EQ(r.status, 201) << r.body;
    return r.status == 201 ? parseObject(r.body)->getValue<std::string>("secret") : "";
  }
};

TEST_F(ConversationKeysTest, AnotherKeysConversationIsNotFound) {
  const std::string alice = createKey("alice");
  const std::string bob = createKey("bob");
  HttpResult r = gateway_->client().post(
      "/api/chat",
      R"({"mode":"smart","conversation":true,"messages":[{"role":"user","content":"secret plan"}]})",
      bearer(alice));
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string id = r.header("x-manifold-conversation");
  ASSERT_FALSE(id.empty());

  expectOpenAiError(gateway_->client().get("/v1/conversations/" + id, bearer(bob)), 404,
                    "no conversation");
  expectOpenAiError(gateway_->client().del("/v1/conversations/" + id, bearer(bob)), 404,
                    "no conversation");
  r = gateway_->client().get("/v1/conversations", bearer(bob));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(parseObject(r.body)->getArray("data")->size(), 0u);
  expectOpenAiError(gateway_->client().post(
                        "/v1/chat/completions", chatBody("smart-1", false),
                        {{"Authorization", "Bearer " + bob}, {"x-manifold-conversation", id}}),
                    400, "no conversation", "conversation_id");
  EXPECT_EQ(fake_.requests("smart-1"), 1) << "bob's turn reached no upstream";
  EXPECT_EQ(gateway_->client().get("/v1/conversations/" + id).status, 401) << "a key is needed";

  r = gateway_->client().get("/v1/conversations/" + id, bearer(alice));
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(parseObject(r.body)->getArray("messages")->size(), 2u)
      << "alice's conversation is whole";
}

}  // namespace
}  // namespace manifold::test
