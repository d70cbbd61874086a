// /v1/tasks end to end through a real gateway and the task probe dispatcher:
// create, read, list, cancel, ownership, polling to the end, the event
// stream and its resumption, and the refusals.
#include <thread>

#include "host/tasks/TaskGatewayFixture.h"
#include "webhooks/StandardWebhooks.h"

namespace manifold::test {
namespace {

class TasksApiTest : public TaskGatewayFixture {};

const std::string kPollTwice = R"({"intent":"probe-intent","input":{"mode":"poll","steps":2}})";
const std::string kHold =
    R"({"dispatcher":"taskprobe","service":"echo","input":{"mode":"hold"},"metadata":{"ticket":"T-1"}})";

TEST_F(TasksApiTest, CreatedByIntentThenPolledToItsResult) {
  const std::string key = createKey("alice");
  const HttpResult created = createTask(kPollTwice, key);
  ASSERT_EQ(created.status, 201) << created.body;
  const json::Value task = parsed(created.body);
  EXPECT_EQ(task["object"].asString(), "task");
  EXPECT_EQ(task["dispatcher"].asString(), "taskprobe");
  EXPECT_EQ(task["service"].asString(), "echo");
  EXPECT_EQ(task["intent"].asString(), "probe-intent");
  EXPECT_EQ(task["state"].asString(), "running");
  const std::string id = task["id"].asString();
  ASSERT_TRUE(reaches(id, key, "succeeded"));
  const json::Value done = this->task(id, key);
  EXPECT_EQ(done["result"]["remote_id"].asString().rfind("poll-2-", 0), 0u)
      << json::stringify(done);
  EXPECT_TRUE(done["finished_at"].isInt());
}

TEST_F(TasksApiTest, AnotherKeysTaskIsNotFound) {
  const std::string alice = createKey("alice");
  const std::string bob = createKey("bob");
  const std::string id = createdId(kHold, alice);
  EXPECT_EQ(gateway_->client().get("/v1/tasks/" + id, bearer(bob)).status, 404);
  EXPECT_EQ(gateway_->client().post("/v1/tasks/" + id + "/cancel", "", bearer(bob)).status, 404);
  EXPECT_EQ(gateway_->client().get("/v1/tasks/" + id + "/events", bearer(bob)).status, 404);
  EXPECT_EQ(parsed(gateway_->client().get("/v1/tasks", bearer(bob)).body)["data"].size(), 0u);
  EXPECT_EQ(task(id, alice)["state"].asString(), "running") << "bob changed nothing";
  EXPECT_EQ(gateway_->client().get("/v1/tasks/" + id).status, 401) << "no key, no task";
}

TEST_F(TasksApiTest, ListIsNewestFirstAndPaged) {
  const std::string key = createKey("pager");
  std::vector<std::string> ids;
  for (int i = 0; i < 3; ++i) {
    ids.push_back(createdId(kHold, key));
    std::this_thread::sleep_for(std::chrono::milliseconds(2));  // distinct creation times
  }
  const json::Value first = parsed(gateway_->client().get("/v1/tasks?limit=2", bearer(key)).body);
  ASSERT_EQ(first["data"].size(), 2u) << json::stringify(first);
  EXPECT_EQ(first["data"][0]["id"].asString(), ids[2]);
  EXPECT_EQ(first["data"][1]["id"].asString(), ids[1]);
  EXPECT_TRUE(first["has_more"].asBool());
  const json::Value second =
      parsed(gateway_->client()
                 .get("/v1/tasks?limit=2&before=" + first["next_before"].asString(), bearer(key))
                 .body);
  ASSERT_EQ(second["data"].size(), 1u) << json::stringify(second);
  EXPECT_EQ(second["data"][0]["id"].asString(), ids[0]);
  EXPECT_FALSE(second["has_more"].asBool());
  EXPECT_EQ(gateway_->client().get("/v1/tasks?limit=0", bearer(key)).status, 400);
}

TEST_F(TasksApiTest, CancelReachesTheServiceAndSticks) {
  const std::string key = createKey("canceller");
  const std::string id = createdId(kHold, key);
  const HttpResult cancelled =
      gateway_->client().post("/v1/tasks/" + id + "/cancel", "", bearer(key));
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(parsed(cancelled.body)["state"].asString(), "cancelled");
  // Cancelling again changes nothing, and a late "running" from the service does not revive it.
  EXPECT_EQ(
      parsed(gateway_->client().post("/v1/tasks/" + id + "/cancel", "", bearer(key)).body)["state"]
          .asString(),
      "cancelled");
  const std::string body = R"({"task_id":")" + id + R"(","state":"running"})";
  EXPECT_EQ(deliver(body, signedHeaders(kSecret, "msg_late", now(), body)).status, 204);
  EXPECT_EQ(task(id, key)["state"].asString(), "cancelled");
}

TEST_F(TasksApiTest, RefusalsUseTheOpenAiErrorShape) {
  const std::string key = createKey("refused");
  const auto expectError = [&](const std::string& body, int status, const std::string& code) {
    const HttpResult r = createTask(body, key);
    EXPECT_EQ(r.status, status) << body << " -> " << r.body;
    const json::Value error = parsed(r.body)["error"];
    EXPECT_EQ(error["code"].asString(), code) << r.body;
    EXPECT_FALSE(error["message"].asString().empty());
    EXPECT_FALSE(error["type"].asString().empty());
  };
  expectError("{not json", 400, "invalid_json");
  expectError(R"({"input":{}})", 400, "missing_intent");
  expectError(R"({"intent":"probe-intent"})", 400, "missing_input");
  expectError(R"({"intent":"nobody-serves-this","input":{}})", 404, "unknown_intent");
  expectError(R"({"intent":"off-intent","input":{}})", 404, "unknown_intent");
  expectError(R"({"dispatcher":"nope","input":{}})", 404, "unknown_dispatcher");
  expectError(R"({"dispatcher":"taskprobe","service":"nope","input":{}})", 404, "unknown_service");
  expectError(R"({"dispatcher":"taskprobe","service":"off","input":{}})", 400, "service_disabled");
  expectError(R"({"intent":"probe-intent","input":{},"metadata":[1]})", 400, "invalid_value");
  expectError(R"({"intent":"probe-intent","input":{},"webhook_url":"ftp://x"})", 400,
              "invalid_value");
  EXPECT_EQ(parsed(gateway_->client().get("/v1/tasks", bearer(key)).body)["data"].size(), 0u)
      << "no refused request left a task";
  EXPECT_EQ(gateway_->client().get("/healthz").status, 200);
}

TEST_F(TasksApiTest, AStartTheServiceRefusesIsAFailedTask) {
  const std::string key = createKey("down");
  const HttpResult r = createTask(R"({"intent":"probe-intent","input":{"mode":"refuse"}})", key);
  EXPECT_EQ(r.status, 502) << r.body;
  EXPECT_NE(parsed(r.body)["error"]["message"].asString().find("the service is down"),
            std::string::npos);
  const json::Value list = parsed(gateway_->client().get("/v1/tasks", bearer(key)).body);
  ASSERT_EQ(list["data"].size(), 1u);
  EXPECT_EQ(list["data"][0]["state"].asString(), "failed");
  EXPECT_EQ(list["data"][0]["error"]["code"].asString(), "dispatcher_failed");
}

std::vector<std::pair<std::string, std::string>> eventIdsAndTypes(const std::string& stream) {
  std::vector<std::pair<std::string, std::string>> out;
  size_t at = 0;
  while ((at = stream.find("id: ", at)) != std::string::npos) {
    const size_t end = stream.find('\n', at);
    const std::string id = stream.substr(at + 4, end - at - 4);
    const size_t type = stream.find("event: ", end) + 7;
    out.emplace_back(id, stream.substr(type, stream.find('\n', type) - type));
    at = end;
  }
  return out;
}

TEST_F(TasksApiTest, EventsStreamLiveAndResumeAfterLastEventId) {
  const std::string key = createKey("follower");
  const std::string id = createdId(kHold, key);
  HttpResult live;
  std::thread follower(
      [&] { live = gateway_->client().get("/v1/tasks/" + id + "/events", bearer(key)); });
  ASSERT_TRUE(eventually([&] { return gateway_->server().tasks().feed().followers(id) == 1; }));
  const std::string progress = R"({"task_id":")" + id + R"(","progress":"half way"})";
  ASSERT_EQ(deliver(progress, signedHeaders(kSecret, "msg_p1", now(), progress)).status, 204);
  const std::string done =
      R"({"task_id":")" + id + R"(","state":"succeeded","result":{"answer":42}})";
  ASSERT_EQ(deliver(done, signedHeaders(kSecret, "msg_p2", now(), done)).status, 204);
  follower.join();  // the stream ends by itself after the final state
  ASSERT_EQ(live.status, 200) << live.body;
  EXPECT_EQ(live.header("content-type"), "text/event-stream");
  const auto events = eventIdsAndTypes(live.body);
  ASSERT_GE(events.size(), 5u) << live.body;  // queued, running(+progress), progress, result, state
  EXPECT_EQ(events.back().second, "state");
  EXPECT_NE(live.body.find(R"("progress":"half way")"), std::string::npos) << live.body;
  EXPECT_NE(live.body.find(R"("result":{"answer":42})"), std::string::npos) << live.body;
  EXPECT_NE(live.body.find(R"("state":"succeeded")"), std::string::npos) << live.body;

  // Resume after the third event: exactly the rest, in order.
  const HttpResult resumed = gateway_->client().get(
      "/v1/tasks/" + id + "/events",
      {{"Authorization", "Bearer " + key}, {"Last-Event-ID", events[2].first}});
  ASSERT_EQ(resumed.status, 200);
  const auto rest = eventIdsAndTypes(resumed.body);
  const std::vector<std::pair<std::string, std::string>> expected(events.begin() + 3, events.end());
  EXPECT_EQ(rest, expected);
  // After the last event there is nothing left: the stream ends at once.
  const HttpResult after = gateway_->client().get(
      "/v1/tasks/" + id + "/events",
      {{"Authorization", "Bearer " + key}, {"Last-Event-ID", events.back().first}});
  EXPECT_EQ(after.status, 200);
  EXPECT_TRUE(eventIdsAndTypes(after.body).empty()) << after.body;
  EXPECT_EQ(gateway_->client()
                .get("/v1/tasks/" + id + "/events",
                     {{"Authorization", "Bearer " + key}, {"Last-Event-ID", "x1"}})
                .status,
            400);
}

TEST_F(TasksApiTest, EachKeyHasItsOwnClientWebhookSecret) {
  const std::string alice = createKey("alice");
  const std::string bob = createKey("bob");
  const auto secretOf = [&](const std::string& key) {
    const HttpResult r = gateway_->client().get("/v1/tasks/webhook-secret", bearer(key));
    EXPECT_EQ(r.status, 200) << r.body;
    return parsed(r.body)["secret"].asString();
  };
  const std::string a = secretOf(alice);
  EXPECT_EQ(a.rfind("whsec_", 0), 0u);
  EXPECT_NO_THROW(webhooks::StandardWebhooks{a}) << "a usable Standard Webhooks secret";
  EXPECT_NE(a, secretOf(bob));
  EXPECT_EQ(a, secretOf(alice)) << "stable for one key";
}

}  // namespace
}  // namespace manifold::test
