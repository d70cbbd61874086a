#include "keys/KeyDirectory.h"

#include <algorithm>
#include <mutex>

namespace manifold::keys {

KeyDirectory::KeyDirectory(KeyStore& store) : store_(store) {
  for (KeyRecord& key : store_.all()) {
    const std::string id = key.id;
    idByHash_[key.secretSha256] = id;
    byId_[id] = std::make_shared<const KeyRecord>(std::move(key));
  }
}

std::shared_ptr<const KeyRecord> KeyDirectory::bySecretHash(const std::string& secretSha256) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  const auto id = idByHash_.find(secretSha256);
  if (id == idByHash_.end()) return nullptr;
  return byId_.at(id->second);
}

std::shared_ptr<const KeyRecord> KeyDirectory::byId(const std::string& id) const {
  std::shared_lock<std::shared_mutex> lock(mutex_);
  const auto it = byId_.find(id);
  if (it == byId_.end()) return nullptr;
  return it->second;
}

std::vector<KeyRecord> KeyDirectory::list() const {
  std::vector<KeyRecord> out;
  {
    std::shared_lock<std::shared_mutex> lock(mutex_);
    for (const auto& [id, key] : byId_) out.push_back(*key);
  }
  std::sort(out.begin(), out.end(), [](const KeyRecord& a, const KeyRecord& b) {
    return a.createdAtMs != b.createdAtMs ? a.createdAtMs < b.createdAtMs : a.id < b.id;
  });
  return out;
}

void KeyDirectory::add(const KeyRecord& key) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  store_.insert(key);
  byId_[key.id] = std::make_shared<const KeyRecord>(key);
  idByHash_[key.secretSha256] = key.id;
}

bool KeyDirectory::replace(const KeyRecord& key) {
  std::unique_lock<std::shared_mutex> lock(mutex_);
  const auto held = byId_.find(key.id);
  if (held == byId_.end() || !store_.update(key)) return false;
  auto replacement = std::make_shared<KeyRecord>(key);
  replacement->secretSha256 = held->second->secretSha256;  // a secret never changes
  held->second = std::move(replacement);
  return true;
}

}  // namespace manifold::keys
