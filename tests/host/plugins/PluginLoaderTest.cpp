// Every refusal case of the loader, against real libraries built to be broken.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "plugins/PluginManager.h"
#include "support/TempDir.h"
#include "support/TestPaths.h"

namespace manifold::plugins {
namespace {

namespace fs = std::filesystem;
using test::TempDir;
using test::testPlugin;

class PluginLoaderTest : public ::testing::Test {
 protected:
  std::unique_ptr<PluginManager> makeManager() {
    return std::make_unique<PluginManager>(
        std::make_unique<PluginLoader>(folder_.str(), std::map<std::string, std::string>{},
                                       HostServiceDeps{}),
        50);
  }

  // Scans the folder as it is now; returns the reason the one file in it was
  // refused, "" when nothing was.
  std::string refusalOfTheOnlyFile() {
    auto manager = makeManager();
    manager->scan(false);
    const PluginSnapshot snapshot = manager->snapshot();
    EXPECT_LE(snapshot.refused.size(), 1u);
    if (snapshot.refused.empty()) return "";
    EXPECT_TRUE(snapshot.loaded.empty()) << "a refused file must not also be loaded";
    return snapshot.refused.front().reason;
  }

  std::string refusalFor(const std::string& library) {
    test::installFile(testPlugin(library), folder_ / "plugin.so");
    return refusalOfTheOnlyFile();
  }

  TempDir folder_;
};

TEST_F(PluginLoaderTest, LoadsAValidPlugin) {
  test::installFile(testPlugin("valid"), folder_ / "valid.so");
  auto manager = makeManager();
  manager->scan(false);
  auto plugin = manager->find("test.valid");
  ASSERT_NE(plugin, nullptr);
  EXPECT_EQ(plugin->version(), "0.0.1");
  EXPECT_EQ(plugin->abiMajor(), 1u);
  ASSERT_EQ(plugin->kinds().size(), 1u);
  EXPECT_EQ(plugin->kinds()[0], MF_KIND_PROVIDER);
  EXPECT_NE(plugin->providerApi(), nullptr);
  EXPECT_TRUE(manager->snapshot().refused.empty());
}

// Packagers strip shared objects (CPack, dh_strip): .symtab goes, the dynamic
// symbol table that dlsym reads stays, and the plugin must still load.
TEST_F(PluginLoaderTest, LoadsAFullyStrippedPlugin) {
  const fs::path file = folder_ / "valid.so";
  test::installFile(testPlugin("valid"), file);
  ASSERT_EQ(std::system(("strip --strip-all '" + file.string() + "'").c_str()), 0);
  ASSERT_NE(std::system(("readelf -S '" + file.string() + "' | grep -q '\\.symtab'").c_str()), 0)
      << "strip left .symtab in place";
  EXPECT_EQ(refusalOfTheOnlyFile(), "");
  auto manager = makeManager();
  manager->scan(false);
  EXPECT_NE(manager->find("test.valid"), nullptr);
}

TEST_F(PluginLoaderTest, RefusesMissingEntrySymbol) {
  EXPECT_NE(refusalFor("missing_entry").find("missing entry symbol manifold_plugin_entry"),
            std::string::npos);
}

TEST_F(PluginLoaderTest, RefusesWrongAbiMajor) {
  EXPECT_NE(refusalFor("wrong_major").find("built for ABI major 2, host has 1"), std::string::npos);
}

TEST_F(PluginLoaderTest, RefusesNewerAbiMinor) {
  EXPECT_NE(refusalFor("newer_minor").find("newer than the host's"), std::string::npos);
}

TEST_F(PluginLoaderTest, RefusesTooSmallStructSize) {
  EXPECT_NE(refusalFor("small_struct").find("descriptor struct_size 16"), std::string::npos);
}

TEST_F(PluginLoaderTest, RefusesInitFailure) {
  EXPECT_NE(refusalFor("init_fails").find("init failed: test plugin refuses to start"),
            std::string::npos);
}

TEST_F(PluginLoaderTest, RefusesInitThatThrows) {
  EXPECT_NE(refusalFor("init_throws").find("init threw: init blew up"), std::string::npos);
}

TEST_F(PluginLoaderTest, RefusesNullEntry) {
  EXPECT_NE(refusalFor("null_entry").find("returned null"), std::string::npos);
}

TEST_F(PluginLoaderTest, RefusesAFileThatIsNotALibrary) {
  {
    std::ofstream junk(folder_ / "junk.so");
    junk << "not an ELF file";
  }
  EXPECT_NE(refusalOfTheOnlyFile().find("not a loadable shared library"), std::string::npos);
}

TEST_F(PluginLoaderTest, RefusesDuplicateIdAndKeepsTheFirst) {
  test::installFile(testPlugin("valid"), folder_ / "a-valid.so");
  test::installFile(testPlugin("duplicate_id"), folder_ / "b-duplicate.so");
  auto manager = makeManager();
  manager->scan(false);
  const PluginSnapshot snapshot = manager->snapshot();
  ASSERT_EQ(snapshot.loaded.size(), 1u);
  EXPECT_EQ(snapshot.loaded[0]->origin().sourcePath, (folder_ / "a-valid.so").string());
  ASSERT_EQ(snapshot.refused.size(), 1u);
  EXPECT_EQ(snapshot.refused[0].file, (folder_ / "b-duplicate.so").string());
  EXPECT_NE(snapshot.refused[0].reason.find("duplicate plugin id \"test.valid\""),
            std::string::npos);
}

TEST_F(PluginLoaderTest, RefusesSymlinkEscapingTheFolder) {
  TempDir outside;
  test::installFile(testPlugin("valid"), outside / "valid.so");
  fs::create_symlink(outside / "valid.so", folder_ / "escape.so");
  EXPECT_NE(refusalOfTheOnlyFile().find("outside the plugin folder"), std::string::npos);
}

TEST_F(PluginLoaderTest, AcceptsSymlinkInsideTheFolder) {
  test::installFile(testPlugin("valid"), folder_ / ".real-valid.so");
  fs::create_symlink(folder_ / ".real-valid.so", folder_ / "valid.so");
  auto manager = makeManager();
  manager->scan(false);
  EXPECT_NE(manager->find("test.valid"), nullptr);
}

TEST_F(PluginLoaderTest, RefusesWorldWritableFile) {
  test::installFile(testPlugin("valid"), folder_ / "valid.so");
  fs::permissions(folder_ / "valid.so", fs::perms::others_write, fs::perm_options::add);
  EXPECT_NE(refusalOfTheOnlyFile().find("the file is world-writable"), std::string::npos);
}

TEST_F(PluginLoaderTest, RefusesWorldWritableFolder) {
  test::installFile(testPlugin("valid"), folder_ / "valid.so");
  fs::permissions(folder_.path(), fs::perms::others_write, fs::perm_options::add);
  EXPECT_NE(refusalOfTheOnlyFile().find("plugin folder is world-writable"), std::string::npos);
}

TEST_F(PluginLoaderTest, BrokenPluginsDoNotStopGoodOnesLoading) {
  for (const char* name : {"missing_entry", "wrong_major", "newer_minor", "small_struct",
                           "init_fails", "init_throws", "null_entry"})
    test::installFile(testPlugin(name), folder_ / (std::string(name) + ".so"));
  test::installFile(testPlugin("valid"), folder_ / "valid.so");
  auto manager = makeManager();
  manager->scan(false);
  const PluginSnapshot snapshot = manager->snapshot();
  EXPECT_EQ(snapshot.refused.size(), 7u);
  ASSERT_EQ(snapshot.loaded.size(), 1u);
  EXPECT_EQ(snapshot.loaded[0]->id(), "test.valid");
}

TEST_F(PluginLoaderTest, IgnoresHiddenAndForeignFiles) {
  test::installFile(testPlugin("valid"), folder_ / ".staging.so");
  std::ofstream(folder_ / "README.txt") << "not a plugin";
  auto manager = makeManager();
  manager->scan(false);
  EXPECT_TRUE(manager->snapshot().loaded.empty());
  EXPECT_TRUE(manager->snapshot().refused.empty());
}

}  // namespace
}  // namespace manifold::plugins
