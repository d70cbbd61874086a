// Pins the plugin ABI: plugin.h may not change unless the ABI version does.
// If this fails you changed plugin.h. Growing a struct at its end or adding a
// kind is a minor bump; anything else is a major bump. Bump the version in
// plugin.h, then add a row for the new version with the hash the failure
// prints. Never edit an existing row.
#include <gtest/gtest.h>

#include <Poco/DigestStream.h>
#include <Poco/SHA2Engine.h>

#include <manifold/plugin.h>

#include <fstream>
#include <sstream>

namespace {

struct PinnedAbi {
  int major;
  int minor;
  const char* sha256;
};

constexpr PinnedAbi kPinned[] = {
    {1, 0, "6e6be73c9440d1c8987cbd97d9f2d7feafdbb593cf9025edef64dcb0c60901d8"},
    {1, 1, "eea83732bfc3b4093e31ba4a280aa540e7646f6dec1335f2004b66f0a196d56a"},
    {1, 2, "dcde8aae010dcae09fef6a3de99b7a4c4792d8db1eda6096e6b9e0d77b4c8341"},
    {1, 3, "273680cfddbff321476936b71f311b2f1616b9209d88b38424166da87659d4a9"},
};

std::string sha256Of(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  Poco::SHA2Engine engine(Poco::SHA2Engine::SHA_256);
  engine.update(text.str());
  return Poco::DigestEngine::digestToHex(engine.digest());
}

TEST(AbiPinTest, PluginHeaderMatchesThePinnedHashForItsVersion) {
  const std::string actual = sha256Of(MANIFOLD_SDK_INCLUDE_DIR "/manifold/plugin.h");
  for (const PinnedAbi& pin : kPinned) {
    if (pin.major == MANIFOLD_ABI_MAJOR && pin.minor == MANIFOLD_ABI_MINOR) {
      EXPECT_EQ(actual, pin.sha256) << "plugin.h changed without an ABI version bump";
      return;
    }
  }
  FAIL() << "ABI " << MANIFOLD_ABI_MAJOR << "." << MANIFOLD_ABI_MINOR
         << " has no pinned hash; add {" << MANIFOLD_ABI_MAJOR << ", " << MANIFOLD_ABI_MINOR
         << ", \"" << actual << "\"}";
}

TEST(AbiPinTest, EveryStructStartsWithItsSize) {
  EXPECT_EQ(offsetof(mf_plugin_descriptor, struct_size), 0u);
  EXPECT_EQ(offsetof(mf_host, struct_size), 0u);
  EXPECT_EQ(offsetof(mf_provider_api, struct_size), 0u);
  EXPECT_EQ(offsetof(mf_toolset_api, struct_size), 0u);
  EXPECT_EQ(offsetof(mf_dispatcher_api, struct_size), 0u);
  EXPECT_EQ(offsetof(mf_event, struct_size), 0u);
  EXPECT_EQ(offsetof(mf_error, struct_size), 0u);
  EXPECT_EQ(offsetof(mf_http_request, struct_size), 0u);
  // The loader reads the version right after struct_size, before trusting the size.
  EXPECT_EQ(offsetof(mf_plugin_descriptor, abi_major), 4u);
  EXPECT_EQ(offsetof(mf_plugin_descriptor, abi_minor), 8u);
}

}  // namespace
