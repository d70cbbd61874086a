// Never block an answer: with the store locked by another connection, chat
// keeps serving, the lost usage records are counted, and the loss is logged
// once a minute at most, not once per request.
#include <Poco/AutoPtr.h>
#include <Poco/Channel.h>
#include <Poco/Logger.h>
#include <Poco/Message.h>
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <mutex>

#include "AttemptRows.h"
#include "support/OpenAiAssertions.h"
#include "support/TestGateway.h"

namespace manifold::test {
namespace {

class LossLines : public Poco::Channel {
 public:
  void log(const Poco::Message& message) override {
    if (message.getText().find("usage records lost") == std::string::npos) return;
    std::lock_guard<std::mutex> lock(mutex_);
    ++count_;
  }
  int count() {
    std::lock_guard<std::mutex> lock(mutex_);
    return count_;
  }

 private:
  std::mutex mutex_;
  int count_ = 0;
};

// A second connection that holds the database's write lock until released.
class WriteLock {
 public:
  explicit WriteLock(const std::string& path) {
    sqlite3_open(path.c_str(), &db_);
    ok_ = sqlite3_exec(db_, "BEGIN EXCLUSIVE;", nullptr, nullptr, nullptr) == SQLITE_OK;
  }
  ~WriteLock() { release(); }
  bool ok() const { return ok_; }
  void release() {
    if (!db_) return;
    sqlite3_exec(db_, "ROLLBACK;", nullptr, nullptr, nullptr);
    sqlite3_close(db_);
    db_ = nullptr;
  }

 private:
  sqlite3* db_ = nullptr;
  bool ok_ = false;
};

class LostUsageTest : public ::testing::Test {
 protected:
  void SetUp() override {
    lines_ = new LossLines;
    Poco::Logger::get("usage").setChannel(lines_);
  }
  void TearDown() override { Poco::Logger::get("usage").setChannel(nullptr); }

  void chats(int n) {
    for (int i = 0; i < n; ++i) {
      const HttpResult r = gateway_.client().post("/v1/chat/completions", chatBody("demo", false));
      ASSERT_EQ(r.status, 200) << r.body;
    }
  }

  Poco::AutoPtr<LossLines> lines_;
  TestGateway gateway_;
};

TEST_F(LostUsageTest, ALockedStoreLosesRecordsButNoAnswerAndSaysSoOnce) {
  app::GatewayServer& server = gateway_.server();
  WriteLock lock(gateway_.storePath());
  ASSERT_TRUE(lock.ok());

  chats(3);
  // The writer waits out SQLite's busy timeout (5 s) off the answer's path,
  // then counts the batch as lost.
  ASSERT_TRUE(eventually([&] { return server.lostUsageRecords() >= 3; }, std::chrono::seconds(20)));
  const uint64_t firstLoss = server.lostUsageRecords();
  EXPECT_EQ(lines_->count(), 1);

  chats(3);
  ASSERT_TRUE(eventually([&] { return server.lostUsageRecords() >= firstLoss + 3; },
                         std::chrono::seconds(20)));
  EXPECT_EQ(lines_->count(), 1) << "a second loss within the minute is counted, not logged";
  // Health still answers (it reads on its own connection) and shows the loss.
  const HttpResult health = gateway_.client().get("/admin/health");
  ASSERT_EQ(health.status, 200);
  EXPECT_EQ(parseObject(health.body)->getValue<uint64_t>("usage_records_lost"),
            server.lostUsageRecords());

  lock.release();
  chats(1);
  server.flushAttempts();
  EXPECT_FALSE(readAttempts(gateway_.storePath()).empty()) << "writes resume once the lock goes";
}

}  // namespace
}  // namespace manifold::test
