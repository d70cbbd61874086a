// /webhooks/{dispatcher}/{service} through a real gateway: deliveries are
// verified before anything reads them; each refusal answers 401 with its
// reason code and leaves the task exactly as it was.
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <sqlite3.h>

#include "host/tasks/TaskGatewayFixture.h"
#include "support/RawHttp.h"
#include "webhooks/StandardWebhooks.h"

namespace manifold::test {
namespace {

class WebhookDeliveryTest : public TaskGatewayFixture {
 protected:
  void SetUp() override {
    key_ = createKey("hooks");
    id_ = createdId(R"({"dispatcher":"taskprobe","service":"echo","input":{"mode":"hold"}})", key_);
    done_ = R"({"task_id":")" + id_ + R"(","state":"succeeded","result":{"ok":true}})";
    before_ = json::stringify(task(id_, key_));
  }
  /// Delivers and expects a refusal with `reason` that changed nothing.
  void expectRefused(const std::string& body, const std::map<std::string, std::string>& headers,
                     const std::string& reason,
                     const std::string& path = "/webhooks/taskprobe/echo") {
    const HttpResult r = deliver(body, headers, path);
    EXPECT_EQ(r.status, 401) << reason << ": " << r.body;
    const json::Value error = parsed(r.body)["error"];
    EXPECT_EQ(error["code"].asString(), reason) << r.body;
    EXPECT_EQ(error["type"].asString(), "invalid_request_error");
    EXPECT_EQ(json::stringify(task(id_, key_)), before_) << reason << " changed the task";
  }

  std::string key_, id_, done_, before_;
};

TEST_F(WebhookDeliveryTest, AValidDeliveryApplies) {
  EXPECT_EQ(deliver(done_, signedHeaders(kSecret, "msg_ok", now(), done_)).status, 204);
  const json::Value after = task(id_, key_);
  EXPECT_EQ(after["state"].asString(), "succeeded");
  EXPECT_TRUE(after["result"]["ok"].asBool());
}

TEST_F(WebhookDeliveryTest, ARotatedSecretApplies) {
  EXPECT_EQ(deliver(done_, signedHeaders(kRotatedSecret, "msg_rot", now(), done_)).status, 204);
  EXPECT_EQ(task(id_, key_)["state"].asString(), "succeeded");
}

TEST_F(WebhookDeliveryTest, TwoSignaturesOneValidApplies) {
  const int64_t ts = now();
  auto headers = signedHeaders(kSecret, "msg_two", ts, done_);
  const std::string forged =
      webhooks::StandardWebhooks("whsec_" + std::string("b3RoZXIta2V5LW5vdC1vdXJz"))
          .sign("msg_two", ts, done_);
  headers["webhook-signature"] = forged + " " + headers["webhook-signature"];
  EXPECT_EQ(deliver(done_, headers).status, 204);
  EXPECT_EQ(task(id_, key_)["state"].asString(), "succeeded");
}

// A verified delivery that cannot be stored is a 503, and its id is not kept:
// the sender's retry, with the same id, applies. (A trigger stands in for a
// full disk.)
TEST_F(WebhookDeliveryTest, ADeliveryThatCouldNotBeStoredAppliesWhenRetried) {
  const auto failWrites = [&](const char* sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(gateway_->storePath().c_str(), &db), SQLITE_OK);
    sqlite3_busy_timeout(db, 5000);
    EXPECT_EQ(sqlite3_exec(db, sql, nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  };
  failWrites(
      "CREATE TRIGGER test_disk_full BEFORE INSERT ON task_events "
      "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
  const auto headers = signedHeaders(kSecret, "msg_retry", now(), done_);
  const HttpResult failed = deliver(done_, headers);
  EXPECT_EQ(failed.status, 503) << failed.body;
  EXPECT_EQ(parsed(failed.body)["error"]["code"].asString(), "apply_failed") << failed.body;
  EXPECT_EQ(json::stringify(task(id_, key_)), before_) << "a failed write changed the task";

  failWrites("DROP TRIGGER test_disk_full");
  EXPECT_EQ(deliver(done_, headers).status, 204) << "the retry was refused as a replay";
  EXPECT_EQ(task(id_, key_)["state"].asString(), "succeeded");
}

TEST_F(WebhookDeliveryTest, AForgedSignatureIsRefused) {
  expectRefused(done_, signedHeaders("whsec_b3RoZXIta2V5LW5vdC1vdXJz", "msg_forged", now(), done_),
                "signature_mismatch");
}

TEST_F(WebhookDeliveryTest, ABodyChangedAfterSigningIsRefused) {
  const std::string tampered =
      R"({"task_id":")" + id_ + R"(","state":"succeeded","result":{"ok":false}})";
  expectRefused(tampered, signedHeaders(kSecret, "msg_tamper", now(), done_), "signature_mismatch");
}

TEST_F(WebhookDeliveryTest, StaleAndFutureTimestampsAreRefused) {
  expectRefused(done_, signedHeaders(kSecret, "msg_old", now() - 600, done_), "timestamp_too_old");
  expectRefused(done_, signedHeaders(kSecret, "msg_new", now() + 600, done_),
                "timestamp_in_future");
}

TEST_F(WebhookDeliveryTest, AReplayedIdIsRefused) {
  const std::string progress = R"({"task_id":")" + id_ + R"(","progress":"first"})";
  ASSERT_EQ(deliver(progress, signedHeaders(kSecret, "msg_once", now(), progress)).status, 204);
  before_ = json::stringify(task(id_, key_));
  expectRefused(done_, signedHeaders(kSecret, "msg_once", now(), done_), "replayed_webhook_id");
}

TEST_F(WebhookDeliveryTest, MissingHeadersUnknownDispatcherAndNoSchemeAreRefused) {
  expectRefused(done_, {{"Content-Type", "application/json"}}, "missing_signature");
  expectRefused(done_, signedHeaders(kSecret, "msg_nod", now(), done_), "unknown_dispatcher",
                "/webhooks/nobody/echo");
  expectRefused(done_, signedHeaders(kSecret, "msg_off", now(), done_), "no_webhook_scheme",
                "/webhooks/taskprobe/off");
}

TEST_F(WebhookDeliveryTest, AFiftyMegabyteBodyIsRefusedWithoutBeingRead) {
  const std::string head =
      "POST /webhooks/taskprobe/echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
      "webhook-id: msg_big\r\nwebhook-timestamp: " +
      std::to_string(now()) + "\r\nwebhook-signature: v1,AAAA\r\nContent-Length: 52428800\r\n\r\n";
  const RawExchange announced =
      sendRaw(gateway_->server().port(), head + std::string(50 << 20, 'x'));
  EXPECT_EQ(announced.first.status, 413) << announced.received.substr(0, 300);
  EXPECT_NE(announced.first.body.find("body_too_large"), std::string::npos);
  // Chunked, so no length to check first: reading stops at the cap.
  const std::string chunked =
      "POST /webhooks/taskprobe/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "200000\r\n" +
      std::string(0x200000, 'x') + "\r\n";
  EXPECT_EQ(sendRaw(gateway_->server().port(), chunked).first.status, 413);
  EXPECT_EQ(json::stringify(task(id_, key_)), before_);
  EXPECT_EQ(gateway_->client().get("/healthz").status, 200) << "the gateway keeps serving";
}

}  // namespace
}  // namespace manifold::test
