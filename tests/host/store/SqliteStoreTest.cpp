#include <gtest/gtest.h>

#include <thread>

#include "store/Migrations.h"
#include "store/SqliteStore.h"
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

TEST(SqliteStoreTest, UnopenablePathThrows) {
  EXPECT_ANY_THROW(SqliteStore("/no/such/dir/m.db"));
}

}  // namespace
}  // namespace manifold::store
