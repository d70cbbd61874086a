#pragma once

#include <Poco/Data/Session.h>

#include <memory>
#include <mutex>
#include <string>

#include "keys/KeyStore.h"

namespace manifold::keys {

/// Gateway keys in the gateway's SQLite file (table gateway_keys, created by
/// the store's migrations), through a connection of its own.
class SqliteKeyStore : public KeyStore {
 public:
  explicit SqliteKeyStore(const std::string& path);
  void insert(const KeyRecord& key) override;
  bool update(const KeyRecord& key) override;
  std::vector<KeyRecord> all() override;

 private:
  std::mutex mutex_;
  std::unique_ptr<Poco::Data::Session> session_;
};

}  // namespace manifold::keys
