#include <gtest/gtest.h>

#include <cstdint>
#include <thread>

#include "store/Migrations.h"
#include "store/SqliteStore.h"
#include "store/SqliteUsageLedger.h"
#include "support/TempDir.h"

namespace manifold::store {
namespace {

TEST(SqliteStoreTest, MigratesAFreshFileToTheLatestVersion) {
  test::TempDir dir;
  SqliteStore store((dir / "m.db").string());
  ASSERT_FALSE(migrations().empty());
  EXPECT_EQ(store.schemaVersion(), migrations().back().version);
}

TEST(SqliteStoreTest, PutGetRemoveAreNamespaced) {
  test::TempDir dir;
  SqliteStore store((dir / "m.db").string());
  store.put("plugin.a", "k", "one", 0);
  store.put("plugin.b", "k", "two", 0);
  EXPECT_EQ(store.get("plugin.a", "k").value_or(""), "one");
  EXPECT_EQ(store.get("plugin.b", "k").value_or(""), "two");
  store.put("plugin.a", "k", "three", 0);
  EXPECT_EQ(store.get("plugin.a", "k").value_or(""), "three");
  store.remove("plugin.a", "k");
  EXPECT_FALSE(store.get("plugin.a", "k"));
  EXPECT_TRUE(store.get("plugin.b", "k"));
}

TEST(SqliteStoreTest, ValuesSurviveReopenAndBinaryIsKept) {
  test::TempDir dir;
  const std::string binary("a\0b\xff", 4);
  {
    SqliteStore store((dir / "m.db").string());
    store.put("p", "bin", binary, 0);
  }
  SqliteStore reopened((dir / "m.db").string());
  EXPECT_EQ(reopened.get("p", "bin").value_or(""), binary);
}

TEST(SqliteStoreTest, ExpiredValuesAreNotReturned) {
  test::TempDir dir;
  SqliteStore store((dir / "m.db").string());
  store.put("p", "short", "v", 1);
  store.put("p", "long", "v", 60000);
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_FALSE(store.get("p", "short"));
  EXPECT_TRUE(store.get("p", "long"));
}

TEST(SqliteStoreTest, AttemptsKeepKeyTokensAndCostAndAnUnknownCostStaysNull) {
  test::TempDir dir;
  SqliteStore store((dir / "m.db").string());
  AttemptRecord priced;
  priced.requestId = "r1";
  priced.engineId = "e";
  priced.outcome = "answered";
  priced.keyId = "key-1";
  priced.model = "groq/m";
  priced.billed = true;
  priced.usageKnown = true;
  priced.promptTokens = 10;
  priced.completionTokens = 20;
  priced.cachedTokens = 3;
  priced.cacheWriteTokens = 4;
  priced.reasoningTokens = 5;
  priced.costUsd = 0.0;  // free: known, and zero
  AttemptRecord unknown = priced;
  unknown.requestId = "r2";
  unknown.costUsd.reset();
  store.writeAttempts({priced, unknown});

  SqliteUsageLedger ledger((dir / "m.db").string());
  const std::vector<UsageRow> rows = ledger.usage({std::string("key-1"), 0, INT64_MAX});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].model, "groq/m");
  EXPECT_EQ(rows[0].requests, 2);
  EXPECT_EQ(rows[0].promptTokens, 20);
  EXPECT_EQ(rows[0].completionTokens, 40);
  EXPECT_EQ(rows[0].cachedTokens, 6);
  EXPECT_EQ(rows[0].cacheWriteTokens, 8);
  EXPECT_EQ(rows[0].reasoningTokens, 10);
  EXPECT_EQ(rows[0].costUsd, 0.0);
  EXPECT_EQ(rows[0].unknownCostRequests, 1) << "NULL is unknown, 0 is free";
  EXPECT_TRUE(ledger.usage({std::string("key-2"), 0, INT64_MAX}).empty());
  const std::vector<AttemptSample> samples = ledger.attemptsSince(0);
  ASSERT_EQ(samples.size(), 2u);
  EXPECT_TRUE(samples[0].costUsd.has_value());
  EXPECT_FALSE(samples[1].costUsd.has_value());
}

TEST(SqliteStoreTest, UnopenablePathThrows) {
  EXPECT_ANY_THROW(SqliteStore("/no/such/dir/m.db"));
}

}  // namespace
}  // namespace manifold::store
