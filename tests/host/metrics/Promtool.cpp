#include "Promtool.h"

#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "support/TempDir.h"

namespace manifold::test {

PromtoolVerdict promtoolCheck(const std::string& exposition) {
  PromtoolVerdict verdict;
  verdict.found = std::system("command -v promtool >/dev/null 2>&1") == 0;
  if (!verdict.found) return verdict;
  TempDir dir;
  const std::string in = (dir / "metrics.txt").string(), out = (dir / "promtool.txt").string();
  std::ofstream(in, std::ios::binary) << exposition;
  const int status =
      std::system(("promtool check metrics < '" + in + "' > '" + out + "' 2>&1").c_str());
  verdict.exitCode = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  std::ifstream result(out);
  std::ostringstream text;
  text << result.rdbuf();
  verdict.output = text.str();
  return verdict;
}

}  // namespace manifold::test
