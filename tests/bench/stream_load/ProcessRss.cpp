#include "ProcessRss.h"

#include <cstdlib>
#include <fstream>
#include <string>

namespace manifold::bench {

int64_t processRssKb(int pid) {
  std::ifstream status("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.compare(0, 6, "VmRSS:") == 0) return std::atoll(line.c_str() + 6);
  }
  return -1;
}

}  // namespace manifold::bench
