#pragma once

#include <cstdint>

namespace manifold::bench {

/// VmRSS of process `pid` in KiB, from /proc/<pid>/status; -1 if unreadable.
int64_t processRssKb(int pid);

}  // namespace manifold::bench
