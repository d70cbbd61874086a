#pragma once

#include <cstddef>
#include <functional>
#include <future>
#include <vector>

#include "tools/ToolResult.h"

namespace manifold::tools {

/// Runs call(0) .. call(n-1) at once and returns their results in order. The
/// last runs on the calling thread, which would only wait otherwise: one
/// thread hand-off less for the common case of a single call. Each call
/// bounds its own time (ToolRuntime::call does).
inline std::vector<ToolResult> callAll(size_t n, const std::function<ToolResult(size_t)>& call) {
  std::vector<std::future<ToolResult>> others;
  for (size_t i = 0; i + 1 < n; ++i) others.push_back(std::async(std::launch::async, call, i));
  std::vector<ToolResult> results;
  results.reserve(n);
  ToolResult last;
  if (n > 0) last = call(n - 1);
  for (std::future<ToolResult>& other : others) results.push_back(other.get());
  if (n > 0) results.push_back(std::move(last));
  return results;
}

}  // namespace manifold::tools
