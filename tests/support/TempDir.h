#pragma once

#include <filesystem>
#include <string>

namespace manifold::test {

/// A fresh private folder (mode 0755), removed with everything in it.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

/// Copies a file into place atomically (copy to a hidden name, then rename),
/// the way an operator should drop a plugin into a live folder.
void installFile(const std::string& from, const std::filesystem::path& to);

}  // namespace manifold::test
