// Dispatcher plugins as the gateway sees them: a 1.1 table serves the one
// service "" through create_task/poll_task/cancel_task; dispatchers loaded
// or removed while the gateway runs are picked up; /admin/plugins and
// /admin/health list each dispatcher's services.
#include <filesystem>

#include "host/tasks/TaskGatewayFixture.h"
#include "support/TempDir.h"
#include "support/TestPaths.h"

namespace manifold::test {
namespace {

class DispatcherPluginsTest : public TaskGatewayFixture {
 protected:
  json::Value dispatchersIn(const std::string& path) {
    const HttpResult r = gateway_->client().get(path, bearer(kMaster));
    EXPECT_EQ(r.status, 200) << r.body;
    return parsed(r.body)["dispatchers"];
  }
  const json::Value* dispatcherIn(const json::Value& list, const std::string& id) {
    for (const json::Value& d : list.asArray())
      if (d["id"].asString() == id) return &d;
    return nullptr;
  }
};

TEST_F(DispatcherPluginsTest, AdminViewsListEachServiceWithItsIntentsAndState) {
  for (const char* path : {"/admin/plugins", "/admin/health"}) {
    const json::Value list = dispatchersIn(path);
    const json::Value* probe = dispatcherIn(list, "taskprobe");
    ASSERT_NE(probe, nullptr) << path << ": " << json::stringify(list);
    const json::Value& services = (*probe)["services"];
    ASSERT_EQ(services.size(), 3u);
    EXPECT_EQ(services[0]["service"].asString(), "echo");
    EXPECT_EQ(services[0]["intents"][0].asString(), "probe-intent");
    EXPECT_TRUE(services[0]["enabled"].asBool());
    EXPECT_EQ(services[2]["service"].asString(), "off");
    EXPECT_FALSE(services[2]["enabled"].asBool());
    EXPECT_EQ(services[2]["detail"].asString(), "no endpoint set");
  }
}

TEST_F(DispatcherPluginsTest, AFirstVersionDispatcherLoadedWhileRunningServesTheEmptyService) {
  const std::string key = createKey("legacy");
  const HttpResult before = createTask(R"({"dispatcher":"test.all-kinds","input":{"q":1}})", key);
  EXPECT_EQ(before.status, 404) << before.body;
  installFile(testPlugin("all_kinds_probe"), gateway_->pluginDir() / "all_kinds_probe.so");
  ASSERT_TRUE(eventually(
      [&] { return dispatcherIn(dispatchersIn("/admin/plugins"), "test.all-kinds") != nullptr; },
      std::chrono::seconds(10)));
  const json::Value legacy = *dispatcherIn(dispatchersIn("/admin/plugins"), "test.all-kinds");
  ASSERT_EQ(legacy["services"].size(), 1u);
  EXPECT_EQ(legacy["services"][0]["service"].asString(), "");

  const HttpResult created = createTask(R"({"dispatcher":"test.all-kinds","input":{"q":1}})", key);
  ASSERT_EQ(created.status, 201) << created.body;
  const json::Value task = parsed(created.body);
  EXPECT_EQ(task["state"].asString(), "running") << "create_task's \"status\" read as the state";
  const std::string id = task["id"].asString();
  EXPECT_EQ(gateway_->server().tasks().store().get(id)->remoteId, "t1")
      << "create_task's \"task_id\" is the remote id";
  const HttpResult cancelled =
      gateway_->client().post("/v1/tasks/" + id + "/cancel", "", bearer(key));
  EXPECT_EQ(parsed(cancelled.body)["state"].asString(), "cancelled") << cancelled.body;

  std::filesystem::remove(gateway_->pluginDir() / "all_kinds_probe.so");
  ASSERT_TRUE(eventually(
      [&] { return dispatcherIn(dispatchersIn("/admin/plugins"), "test.all-kinds") == nullptr; },
      std::chrono::seconds(10)));
  EXPECT_EQ(createTask(R"({"dispatcher":"test.all-kinds","input":{}})", key).status, 404);
}

}  // namespace
}  // namespace manifold::test
