#include "keys/KeyDirectory.h"

#include <algorithm>
#include <mutex>

namespace manifold::keys {

KeyDirectory::KeyDirectory(KeyStore& store) : store_(store) {
  for (KeyRecord& key : store_.all()) {
    idByHash_[key.secretSha256] = key.id;
    byId_[key.id] = std::move(key);
  }
}

std::optional<KeyRecord> KeyDirectory::bySecretHash(const std::string& secretSha256) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  const auto id = idByHash_.find(secretSha256);
  if (id == idByHash_.end()) return std::nullopt;
  return byId_.at(id->second);
}

std::optional<KeyRecord> KeyDirectory::byId(const std::string& id) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  const auto it = byId_.find(id);
  if (it == byId_.end()) return std::nullopt;
  return it->second;
}

std::vector<KeyRecord> KeyDirectory::list() const {
  std::vector<KeyRecord> out;
  {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    for (const auto& [id, key] : byId_) out.push_back(key);
  }
  std::sort(out.begin(), out.end(), [](const KeyRecord& a, const KeyRecord& b) {
    return a.createdAtMs != b.createdAtMs ? a.createdAtMs < b.createdAtMs : a.id < b.id;
  });
  return out;
}

void KeyDirectory::add(const KeyRecord& key) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  store_.insert(key);
  byId_[key.id] = key;
  idByHash_[key.secretSha256] = key.id;
}

bool KeyDirectory::replace(const KeyRecord& key) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  if (!byId_.count(key.id) || !store_.update(key)) return false;
  KeyRecord& held = byId_[key.id];
  const std::string hash = held.secretSha256;
  held = key;
  held.secretSha256 = hash;  // a secret never changes
  return true;
}

}  // namespace manifold::keys
