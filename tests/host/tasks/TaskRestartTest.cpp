// Tasks survive a restart: the gateway stops mid-task and a new one, on the
// same SQLite file, resumes polling from the store and still takes webhooks
// (with replay protection that remembers ids from before).
#include "host/tasks/TaskGatewayFixture.h"

namespace manifold::test {
namespace {

class TaskRestartTest : public TaskGatewayFixture {};

TEST_F(TaskRestartTest, APolledTaskFinishesAfterARestart) {
  const std::string key = createKey("survivor");
  // The probe finishes a "restart" task only when another plugin instance
  // (a restarted gateway) checks it, so only a resumed poller can end it.
  const std::string id = createdId(R"({"intent":"probe-intent","input":{"mode":"restart"}})", key);
  EXPECT_TRUE(eventually([&] { return task(id, key)["progress"].asString() == "started"; }));
  gateway_->restart();
  ASSERT_TRUE(reaches(id, key, "succeeded")) << json::stringify(task(id, key));
  EXPECT_TRUE(task(id, key)["result"]["resumed"].asBool());
}

TEST_F(TaskRestartTest, AWebhookAppliesAfterARestartAndReplaysStayRefused) {
  const std::string key = createKey("hooked");
  const std::string id =
      createdId(R"({"dispatcher":"taskprobe","service":"echo","input":{"mode":"hold"}})", key);
  const std::string progress = R"({"task_id":")" + id + R"(","progress":"before"})";
  const auto headers = signedHeaders(kSecret, "msg_before_restart", now(), progress);
  ASSERT_EQ(deliver(progress, headers).status, 204);
  gateway_->restart();
  EXPECT_EQ(deliver(progress, headers).status, 401) << "the seen id survived the restart";
  const std::string done = R"({"task_id":")" + id + R"(","state":"succeeded","result":{}})";
  EXPECT_EQ(deliver(done, signedHeaders(kSecret, "msg_after_restart", now(), done)).status, 204);
  EXPECT_EQ(task(id, key)["state"].asString(), "succeeded");
}

}  // namespace
}  // namespace manifold::test
