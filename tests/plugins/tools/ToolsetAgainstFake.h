#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "FakeToolApi.h"
#include "support/LoadedToolset.h"
#include "tools/ToolResult.h"

namespace manifold::test {

/// A test fixture: the toolset plugin Derived::kPlugin, loaded afresh for each
/// test with Derived::configFor(fake), against one fake API (kPlugin is also
/// the fake's --api) that serves the whole suite and is reset between tests.
/// Skips, saying why, when node is missing.
template <class Derived>
class ToolsetAgainstFake : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    if (FakeToolApi::missingTool().empty()) fake_ = std::make_unique<FakeToolApi>(Derived::kPlugin);
  }
  static void TearDownTestSuite() { fake_.reset(); }

  void SetUp() override {
    if (!fake_) GTEST_SKIP() << FakeToolApi::missingTool();
    fake_->reset();
    toolset_ = std::make_unique<LoadedToolset>(Derived::kPlugin, Derived::configFor(*fake_),
                                               std::vector<uint16_t>{fake_->port()});
    ASSERT_TRUE(toolset_->get()) << toolset_->problem();
  }

  tools::ToolResult call(const std::string& tool, const std::string& args) {
    return (*toolset_)->call(tool, args);
  }

  inline static std::unique_ptr<FakeToolApi> fake_;
  std::unique_ptr<LoadedToolset> toolset_;
};

}  // namespace manifold::test
