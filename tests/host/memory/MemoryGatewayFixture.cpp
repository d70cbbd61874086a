#include "MemoryGatewayFixture.h"

#include "support/MasterKeyEnv.h"

namespace manifold::test {

const std::string MemoryGatewayFixture::kMaster = "mk-memory-master-0123456789abcdef";

json::Value parsed(const std::string& text) {
  return json::parse(text).value_or(json::Value());
}

void MemoryGatewayFixture::startGateway(config::ModeConfig smart) {
  const MasterKeyEnv master(kMaster);  // read once, at start
  start({engine("chat-1"), engine("cheap-1")}, {std::move(smart), mode("cheap", {"cheap-1"})});
}

std::string MemoryGatewayFixture::createKey(const std::string& name) {
  const HttpResult r =
      gateway_->client().post("/admin/keys", R"({"name":")" + name + "\"}", bearer(kMaster));
  EXPECT_EQ(r.status, 201) << r.body;
  return parsed(r.body)["secret"].asString();
}

HttpResult MemoryGatewayFixture::chatAs(const std::string& secret, const std::string& text,
                                        const std::string& user,
                                        const std::string& earlierMessages) {
  std::string body = R"({"model":"mode/smart","messages":[)" + earlierMessages +
                     (earlierMessages.empty() ? "" : ",") + R"({"role":"user","content":)" +
                     json::quoted(text) + "}]";
  if (!user.empty()) body += R"(,"user":)" + json::quoted(user);
  return gateway_->client().post("/v1/chat/completions", body + "}", bearer(secret));
}

HttpResult MemoryGatewayFixture::nativeAs(const std::string& secret, const std::string& text) {
  return gateway_->client().post(
      "/api/chat",
      R"({"mode":"smart","messages":[{"role":"user","content":)" + json::quoted(text) + "}]}",
      bearer(secret));
}

HttpResult MemoryGatewayFixture::remember(const std::string& secret, const std::string& text,
                                          const std::string& user) {
  std::string body = R"({"text":)" + json::quoted(text);
  if (!user.empty()) body += R"(,"user":)" + json::quoted(user);
  return gateway_->client().post("/v1/memory", body + "}", bearer(secret));
}

std::vector<std::string> MemoryGatewayFixture::listed(const std::string& secret,
                                                      const std::string& user) {
  const HttpResult r =
      gateway_->client().get("/v1/memory" + (user.empty() ? "" : "?user=" + user), bearer(secret));
  EXPECT_EQ(r.status, 200) << r.body;
  std::vector<std::string> out;
  const json::Value data = parsed(r.body)["data"];
  for (size_t i = 0; i < data.size(); ++i) out.push_back(data[i]["text"].asString());
  return out;
}

json::Value MemoryGatewayFixture::lastUpstreamMessages(const std::string& route) const {
  const std::vector<std::string> bodies = fake_.bodies(route);
  if (bodies.empty()) return json::Value();
  return parsed(bodies.back())["messages"];
}

}  // namespace manifold::test
