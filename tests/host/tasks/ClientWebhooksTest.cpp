// A task's webhook_url gets its state changes as Standard Webhooks signed
// under the key's own secret, through the egress policy, retried after a
// failure, from a real gateway to a real receiver on loopback.
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/StreamCopier.h>

#include <mutex>

#include "host/tasks/TaskGatewayFixture.h"
#include "tasks/ClientWebhooks.h"
#include "webhooks/StandardWebhooks.h"

namespace manifold::test {
namespace {

struct Delivery {
  std::string id, timestamp, signature, body;
  int answered = 0;
};

/// Records every POST it gets; answers 503 to the first `failFirst`, then 204.
class WebhookReceiver : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit WebhookReceiver(int failFirst) : failFirst_(failFirst) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(*this);
  }
  std::vector<Delivery> deliveries() {
    std::lock_guard<std::mutex> lock(mutex_);
    return deliveries_;
  }

 private:
  struct Handler : Poco::Net::HTTPRequestHandler {
    explicit Handler(WebhookReceiver& owner) : owner_(owner) {}
    void handleRequest(Poco::Net::HTTPServerRequest& request,
                       Poco::Net::HTTPServerResponse& response) override {
      Delivery d{request.get("webhook-id", ""), request.get("webhook-timestamp", ""),
                 request.get("webhook-signature", ""), ""};
      Poco::StreamCopier::copyToString(request.stream(), d.body);
      {
        std::lock_guard<std::mutex> lock(owner_.mutex_);
        d.answered = static_cast<int>(owner_.deliveries_.size()) < owner_.failFirst_ ? 503 : 204;
        owner_.deliveries_.push_back(d);
      }
      response.setStatus(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(d.answered));
      response.setContentLength(0);
      response.send();
    }
    WebhookReceiver& owner_;
  };
  const int failFirst_;
  std::mutex mutex_;
  std::vector<Delivery> deliveries_;
};

struct Receiver {
  explicit Receiver(int failFirst = 1) : socket(Poco::Net::SocketAddress("127.0.0.1", 0)) {
    factory = new WebhookReceiver(failFirst);
    server =
        std::make_unique<Poco::Net::HTTPServer>(factory, socket, new Poco::Net::HTTPServerParams);
    server->start();
  }
  ~Receiver() { server->stop(); }
  uint16_t port() const { return socket.address().port(); }
  Poco::Net::ServerSocket socket;
  WebhookReceiver* factory;  // owned by the server
  std::unique_ptr<Poco::Net::HTTPServer> server;
};

class ClientWebhooksTest : public Receiver, public TaskGatewayFixture {
 protected:
  ClientWebhooksTest()
      : TaskGatewayFixture([this](config::GatewayConfig& c) {
          c.egress.allow.push_back("127.0.0.1:" + std::to_string(port()));
          c.tasks.clientWebhookRetryMs = 20;
        }) {}
};

TEST_F(ClientWebhooksTest, StateChangesArriveSignedAndARefusedOneIsRetried) {
  const std::string key = createKey("subscriber");
  const std::string secret =
      parsed(gateway_->client().get("/v1/tasks/webhook-secret", bearer(key)).body)["secret"]
          .asString();
  const std::string url = "http://127.0.0.1:" + std::to_string(port()) + "/hook";
  const std::string id = createdId(
      R"({"intent":"probe-intent","input":{"mode":"poll","steps":2},"webhook_url":")" + url + "\"}",
      key);
  ASSERT_TRUE(reaches(id, key, "succeeded"));
  // queued, running and succeeded, the first one twice (answered 503 once).
  ASSERT_TRUE(
      eventually([&] { return factory->deliveries().size() >= 4; }, std::chrono::seconds(10)));
  const std::vector<Delivery> got = factory->deliveries();
  EXPECT_EQ(got[0].answered, 503);
  EXPECT_EQ(got[1].id, got[0].id) << "the retry carries the same webhook id";
  const webhooks::StandardWebhooks verifier(secret);
  std::vector<std::string> states;
  for (const Delivery& d : got) {
    EXPECT_TRUE(
        verifier.verify(d.id, d.timestamp, d.signature, d.body, TaskGatewayFixture::now()).valid)
        << d.body;
    const json::Value body = parsed(d.body);
    EXPECT_EQ(body["type"].asString(), "task.state");
    EXPECT_EQ(body["data"]["id"].asString(), id);
    if (d.answered == 204) states.push_back(body["data"]["state"].asString());
  }
  EXPECT_EQ(states.back(), "succeeded");
  EXPECT_NE(std::find(states.begin(), states.end(), "queued"), states.end());
}

TEST_F(ClientWebhooksTest, AUrlTheEgressPolicyRefusesGetsNothingAndIsGivenUp) {
  Receiver elsewhere(0);  // alive and answering, but its port is not in egress.allow
  const std::string key = createKey("blocked");
  const std::string url = "http://127.0.0.1:" + std::to_string(elsewhere.port()) + "/hook";
  const std::string id = createdId(
      R"({"intent":"probe-intent","input":{"mode":"poll","steps":1},"webhook_url":")" + url + "\"}",
      key);
  ASSERT_TRUE(reaches(id, key, "succeeded"));
  tasks::ClientWebhooks* webhooks = gateway_->server().tasks().clientWebhooks();
  ASSERT_NE(webhooks, nullptr);
  // queued, running, succeeded: each refused by egress 5 times, then dropped.
  EXPECT_TRUE(eventually([&] { return webhooks->givenUp() == 3; }, std::chrono::seconds(10)))
      << webhooks->givenUp();
  EXPECT_TRUE(elsewhere.factory->deliveries().empty());
}

}  // namespace
}  // namespace manifold::test
