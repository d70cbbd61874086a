#include "support/TempDir.h"

#include <stdlib.h>

#include <stdexcept>

namespace manifold::test {
namespace fs = std::filesystem;

TempDir::TempDir() {
  std::string pattern = (fs::temp_directory_path() / "manifold-test-XXXXXX").string();
  if (!::mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
  fs::permissions(path_, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec |
                             fs::perms::others_read | fs::perms::others_exec);
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::permissions(path_, fs::perms::owner_all, fs::perm_options::add, ec);
  fs::remove_all(path_, ec);
}

void installFile(const std::string& from, const fs::path& to) {
  const fs::path staging = to.parent_path() / ("." + to.filename().string() + ".tmp");
  fs::copy_file(from, staging, fs::copy_options::overwrite_existing);
  fs::permissions(staging, fs::perms::owner_read | fs::perms::owner_write | fs::perms::owner_exec |
                               fs::perms::group_read | fs::perms::group_exec |
                               fs::perms::others_read | fs::perms::others_exec);
  fs::rename(staging, to);
}

}  // namespace manifold::test
