// Reading events from plugins built against an older minor ABI.
#include <gtest/gtest.h>

#include <cstddef>

#include "chat/CanonicalEvent.h"

namespace manifold::chat {
namespace {

mf_event usage() {
  mf_event e{};
  e.struct_size = sizeof(e);
  e.type = MF_EVENT_USAGE;
  e.prompt_tokens = 100;
  e.cached_tokens = 60;
  e.cache_write_tokens = 30;
  return e;
}

TEST(CanonicalEventTest, ReadsTheCacheWriteCountFromAnAbi11Plugin) {
  EXPECT_EQ(CanonicalEvent::fromAbi(usage()).cacheWriteTokens, 30);
}

TEST(CanonicalEventTest, AnAbi10EventHasNoCacheWriteCountAndIsOtherwiseRead) {
  mf_event old = usage();
  old.struct_size = offsetof(mf_event, cache_write_tokens);  // what a 1.0 plugin sets
  const CanonicalEvent e = CanonicalEvent::fromAbi(old);
  EXPECT_EQ(e.cacheWriteTokens, -1) << "unknown, not zero";
  EXPECT_EQ(e.promptTokens, 100);
  EXPECT_EQ(e.cachedTokens, 60);
}

}  // namespace
}  // namespace manifold::chat
