// Manus-style deliveries (RSA-SHA256 over "{ts}.{url}.{sha256 hex}") through
// a real gateway, signed by the real `openssl` command line. The URL that
// counts is server.public_url + the path, whatever address the request came
// to; the probe names a stale key until asked to refresh, so every accepted
// delivery here also proves the refresh-and-retry.

#include "host/tasks/TaskGatewayFixture.h"
#include "support/OpenSsl.h"
#include "support/TempDir.h"
#include "webhooks/ManusSignature.h"

namespace manifold::test {
namespace {

class ManusWebhookTest : public TaskGatewayFixture {
 protected:
  static void SetUpTestSuite() {
    keys_ = new TempDir;
    for (const char* name : {"manus", "stale"})
      makeRsaKeyPair((*keys_ / (std::string(name) + ".key")).string());
  }
  static void TearDownTestSuite() {
    delete keys_;
    keys_ = nullptr;
  }

  ManusWebhookTest()
      : TaskGatewayFixture([](config::GatewayConfig& c) {
          json::Value settings = *json::parse(c.plugins.settingsJson["taskprobe"]);
          settings.set("rsa_public_key_pem", readTextFile((*keys_ / "manus.key.pub").string()));
          settings.set("rsa_stale_key_pem", readTextFile((*keys_ / "stale.key.pub").string()));
          c.plugins.settingsJson["taskprobe"] = json::stringify(settings);
        }) {}

  void SetUp() override {
    key_ = createKey("manus");
    id_ = createdId(R"({"dispatcher":"taskprobe","service":"rsa","input":{"mode":"hold"}})", key_);
    done_ = R"({"task_id":")" + id_ + R"(","state":"succeeded","result":{"via":"rsa"}})";
  }

  static std::map<std::string, std::string> manusHeaders(const std::string& url,
                                                         const std::string& body,
                                                         int64_t timestamp) {
    const std::string ts = std::to_string(timestamp);
    const std::string signature =
        openssl({"dgst", "-sha256", "-sign", (*keys_ / "manus.key").string()},
                webhooks::ManusSignature::signedContent(ts, url, body));
    return {{"X-Webhook-Signature", openssl({"base64", "-A"}, signature)},
            {"X-Webhook-Timestamp", ts},
            {"Content-Type", "application/json"}};
  }

  static TempDir* keys_;
  std::string key_, id_, done_;
};

TempDir* ManusWebhookTest::keys_ = nullptr;

const std::string kPath = "/webhooks/taskprobe/rsa";

TEST_F(ManusWebhookTest, ASignatureOverThePublicUrlApplies) {
  const HttpResult r = deliver(done_, manusHeaders(kPublicUrl + kPath, done_, now()), kPath);
  EXPECT_EQ(r.status, 204) << r.body;
  EXPECT_EQ(task(id_, key_)["result"]["via"].asString(), "rsa");
}

TEST_F(ManusWebhookTest, RefusalsChangeNothing) {
  const std::string before = json::stringify(task(id_, key_));
  const auto refused = [&](const std::map<std::string, std::string>& headers,
                           const std::string& body, const std::string& reason) {
    const HttpResult r = deliver(body, headers, kPath);
    EXPECT_EQ(r.status, 401) << reason << ": " << r.body;
    EXPECT_EQ(parsed(r.body)["error"]["code"].asString(), reason) << r.body;
    EXPECT_EQ(json::stringify(task(id_, key_)), before) << reason;
  };
  const std::string localUrl =
      "http://127.0.0.1:" + std::to_string(gateway_->server().port()) + kPath;
  refused(manusHeaders(localUrl, done_, now()), done_, "signature_mismatch");  // a wrong URL
  refused(manusHeaders(kPublicUrl + kPath, done_, now()), done_ + " ", "signature_mismatch");
  refused(manusHeaders(kPublicUrl + kPath, done_, now() - 600), done_, "timestamp_too_old");
  refused({{"X-Webhook-Timestamp", std::to_string(now())}}, done_, "missing_signature");
  const auto once = manusHeaders(kPublicUrl + kPath, R"({"ignore":true})", now());
  EXPECT_EQ(deliver(R"({"ignore":true})", once, kPath).status, 204);
  refused(once, R"({"ignore":true})", "replayed_webhook_id");
}

}  // namespace
}  // namespace manifold::test
