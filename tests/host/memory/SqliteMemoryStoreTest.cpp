// Facts in a real SQLite file, migrated as the gateway migrates it.
#include "memory/SqliteMemoryStore.h"

#include <gtest/gtest.h>

#include "memory/MemoryUpdates.h"
#include "store/SqliteStore.h"
#include "support/TempDir.h"

namespace manifold::memory {
namespace {

class SqliteMemoryStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = (dir_.path() / "manifold.db").string();
    store::SqliteStore migrate(path_);
    memory_ = std::make_unique<SqliteMemoryStore>(path_);
  }

  std::vector<std::string> texts(const std::string& keyId, const std::string& user) {
    std::vector<std::string> out;
    for (const MemoryFact& f : memory_->list(keyId, user)) out.push_back(f.text);
    return out;
  }

  test::TempDir dir_;
  std::string path_;
  std::unique_ptr<SqliteMemoryStore> memory_;
};

TEST_F(SqliteMemoryStoreTest, ASlotKeepsOneFactAndItsId) {
  MemoryFact first = newFact("key_a", "", "home", "The user lives in Paris.", "rule");
  first.updatedMs = 1000;
  const MemoryFact stored = memory_->remember(first);
  MemoryFact second = newFact("key_a", "", "home", "The user lives in Berlin.", "rule");
  second.updatedMs = 2000;
  const MemoryFact updated = memory_->remember(second);
  EXPECT_EQ(updated.id, stored.id);
  EXPECT_EQ(updated.createdMs, stored.createdMs);
  EXPECT_EQ(updated.updatedMs, 2000);
  EXPECT_EQ(texts("key_a", ""), std::vector<std::string>{"The user lives in Berlin."});
}

TEST_F(SqliteMemoryStoreTest, NotesShareNoSlotAndListMostRecentFirst) {
  MemoryFact older = newFact("key_a", "", "", "Keeps bees.", "api");
  older.updatedMs = 1000;
  MemoryFact newer = newFact("key_a", "", "", "Plays chess.", "api");
  newer.updatedMs = 2000;
  memory_->remember(older);
  memory_->remember(newer);
  EXPECT_EQ(texts("key_a", ""), (std::vector<std::string>{"Plays chess.", "Keeps bees."}));
}

TEST_F(SqliteMemoryStoreTest, KeysAndUsersNeverSeeEachOthersFacts) {
  const MemoryFact a = memory_->remember(newFact("key_a", "u1", "name", "Ada", "rule"));
  memory_->remember(newFact("key_b", "u1", "name", "Bob", "rule"));
  memory_->remember(newFact("key_a", "u2", "name", "Cy", "rule"));
  EXPECT_EQ(texts("key_a", "u1"), std::vector<std::string>{"Ada"});
  EXPECT_EQ(texts("key_b", "u1"), std::vector<std::string>{"Bob"});
  EXPECT_EQ(texts("key_a", "u2"), std::vector<std::string>{"Cy"});
  EXPECT_TRUE(texts("key_a", "").empty());
  EXPECT_FALSE(memory_->forget("key_b", a.id));  // another key's fact is not found
  EXPECT_EQ(texts("key_a", "u1"), std::vector<std::string>{"Ada"});
  EXPECT_TRUE(memory_->forget("key_a", a.id));
  EXPECT_TRUE(texts("key_a", "u1").empty());
  EXPECT_TRUE(memory_->forgetSubject("key_a", "u2", "name"));
  EXPECT_FALSE(memory_->forgetSubject("key_a", "u2", "name"));
}

TEST_F(SqliteMemoryStoreTest, RuleChangesUpdateAndForget) {
  applyFactChanges(*memory_, "k", "", readFactRules("My name is Ada. I live in Paris."), "rule");
  EXPECT_EQ(texts("k", ""),
            (std::vector<std::string>{"The user lives in Paris.", "The user's name is Ada."}));
  // A negation that names another place leaves the slot alone.
  EXPECT_EQ(applyFactChanges(*memory_, "k", "", readFactRules("I don't live in Rome"), "rule"), 0);
  EXPECT_EQ(applyFactChanges(*memory_, "k", "", readFactRules("I live in Berlin."), "rule"), 1);
  EXPECT_EQ(texts("k", ""),
            (std::vector<std::string>{"The user lives in Berlin.", "The user's name is Ada."}));
  EXPECT_EQ(
      applyFactChanges(*memory_, "k", "", readFactRules("I don't live in Berlin anymore"), "rule"),
      1);
  EXPECT_EQ(
      applyFactChanges(*memory_, "k", "", readFactRules("Forget that my name is Ada"), "rule"), 1);
  EXPECT_TRUE(texts("k", "").empty());
}

TEST_F(SqliteMemoryStoreTest, ANoteSaidTwiceIsKeptOnce) {
  applyFactChanges(*memory_, "k", "", readFactRules("Remember that I am vegan."), "rule");
  applyFactChanges(*memory_, "k", "", readFactRules("remember that i am VEGAN"), "rule");
  EXPECT_EQ(texts("k", ""), std::vector<std::string>{"I am vegan"});
}

}  // namespace
}  // namespace manifold::memory
