#pragma once

#include <gtest/gtest.h>

#include <manifold/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include "plugins/tools/FakeToolServer.h"
#include "plugins/tools/ToolCallExpectations.h"
#include "support/LoadedToolset.h"

namespace manifold::test {

/// A test of one toolset plugin against its fake upstream: starts the fake
/// (or skips, saying why, where node is missing) and loads instances of the
/// plugin allowed to reach it. Each test gets a fresh fake (empty ledger, no
/// faults).
class ToolsetFakeTest : public ::testing::Test {
 protected:
  /// Starts tests/fakes/<fake>/server.mjs; the test is skipped when node is
  /// missing (check IsSkipped() after).
  void startFake(const std::string& fake, const std::vector<std::string>& args = {});
  /// An instance of `plugin` created with `config`, its HTTP let through to the fake.
  std::unique_ptr<LoadedToolset> load(const std::string& plugin, const std::string& config) const;
  /// Loads the instance call() uses, failing the test when it does not load.
  void loadForCalls(const std::string& plugin, const std::string& config);
  /// Calls `tool` on the instance loadForCalls() loaded.
  tools::ToolResult call(const std::string& tool, const std::string& args) const {
    return (*toolset_)->call(tool, args);
  }

  /// {"<name>": "<value>"}
  static std::string argsWith(const std::string& name, const std::string& value);

  std::unique_ptr<FakeToolServer> fake_;
  std::unique_ptr<LoadedToolset> toolset_;
};

}  // namespace manifold::test
