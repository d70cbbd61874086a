#include "host/tasks/TaskGatewayFixture.h"

#include <stdlib.h>

#include <chrono>

#include "support/TestPaths.h"
#include "webhooks/StandardWebhooks.h"

namespace manifold::test {

const std::string TaskGatewayFixture::kMaster = "mk-tasks-master-0123456789";
// The Standard Webhooks specification's example secret, and another.
const std::string TaskGatewayFixture::kSecret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
const std::string TaskGatewayFixture::kRotatedSecret = "whsec_c2Vjb25kLXNlY3JldC1mb3Itcm90YXRpb24=";
const std::string TaskGatewayFixture::kPublicUrl = "https://gw.example.test";

json::Value parsed(const std::string& text) {
  std::optional<json::Value> value = json::parse(text);
  EXPECT_TRUE(value) << "not JSON: " << text;
  return value ? *value : json::Value();
}

TaskGatewayFixture::TaskGatewayFixture(const std::function<void(config::GatewayConfig&)>& adjust) {
  ::setenv("MANIFOLD_MASTER_KEY", kMaster.c_str(), 1);
  config::GatewayConfig config = demoConfig("", "");
  config.server.publicUrl = kPublicUrl;
  config.tasks.pollMinMs = 20;
  config.tasks.pollMaxMs = 80;
  config.tasks.webhookMaxBodyBytes = 64 * 1024;
  config.plugins.settingsJson["taskprobe"] =
      R"({"webhook_secrets":[")" + kSecret + R"(",")" + kRotatedSecret + R"("]})";
  if (adjust) adjust(config);
  gateway_ = std::make_unique<TestGateway>(
      config, std::vector<std::string>{demoPlugin(), testPlugin("task_probe")});
}

TaskGatewayFixture::~TaskGatewayFixture() {
  gateway_.reset();
  ::unsetenv("MANIFOLD_MASTER_KEY");
}

std::string TaskGatewayFixture::createKey(const std::string& name) {
  const HttpResult r =
      gateway_->client().post("/admin/keys", R"({"name":")" + name + "\"}", bearer(kMaster));
  EXPECT_EQ(r.status, 201) << r.body;
  return parsed(r.body)["secret"].asString();
}

HttpResult TaskGatewayFixture::createTask(const std::string& body, const std::string& secret) {
  return gateway_->client().post("/v1/tasks", body, bearer(secret));
}

std::string TaskGatewayFixture::createdId(const std::string& body, const std::string& secret) {
  const HttpResult r = createTask(body, secret);
  EXPECT_EQ(r.status, 201) << r.body;
  return parsed(r.body)["id"].asString();
}

json::Value TaskGatewayFixture::task(const std::string& id, const std::string& secret) {
  const HttpResult r = gateway_->client().get("/v1/tasks/" + id, bearer(secret));
  EXPECT_EQ(r.status, 200) << r.body;
  return parsed(r.body);
}

bool TaskGatewayFixture::reaches(const std::string& id, const std::string& secret,
                                 const std::string& state) {
  return eventually([&] { return task(id, secret)["state"].asString() == state; },
                    std::chrono::seconds(10));
}

std::map<std::string, std::string> TaskGatewayFixture::signedHeaders(const std::string& secret,
                                                                     const std::string& id,
                                                                     int64_t timestamp,
                                                                     const std::string& body) {
  return {{"webhook-id", id},
          {"webhook-timestamp", std::to_string(timestamp)},
          {"webhook-signature", webhooks::StandardWebhooks(secret).sign(id, timestamp, body)},
          {"Content-Type", "application/json"}};
}

HttpResult TaskGatewayFixture::deliver(const std::string& body,
                                       const std::map<std::string, std::string>& headers,
                                       const std::string& path) {
  return gateway_->client().post(path, body, headers);
}

int64_t TaskGatewayFixture::now() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

}  // namespace manifold::test
