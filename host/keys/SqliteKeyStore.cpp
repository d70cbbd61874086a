#include "keys/SqliteKeyStore.h"

#include <Poco/Data/RecordSet.h>
#include <Poco/Data/SQLite/Connector.h>
#include <Poco/Nullable.h>
#include <manifold/json.hpp>

namespace manifold::keys {
namespace {

using Poco::Data::Keywords::now;
using Poco::Data::Keywords::use;

std::string toJsonArray(const std::vector<std::string>& items) {
  std::string out = "[";
  for (const std::string& item : items) out += (out.size() > 1 ? "," : "") + json::quoted(item);
  return out + "]";
}

std::vector<std::string> fromJsonArray(const std::string& text) {
  std::vector<std::string> out;
  const std::optional<json::Value> parsed = json::parse(text);
  if (!parsed || !parsed->isArray()) return out;
  for (const json::Value& item : parsed->asArray())
    if (item.isString()) out.push_back(item.asString());
  return out;
}

Poco::Nullable<double> nullable(const std::optional<double>& v) {
  return v ? Poco::Nullable<double>(*v) : Poco::Nullable<double>();
}

}  // namespace

SqliteKeyStore::SqliteKeyStore(const std::string& path) {
  Poco::Data::SQLite::Connector::registerConnector();
  session_ = std::make_unique<Poco::Data::Session>("SQLite", path, 5);
  *session_ << "PRAGMA busy_timeout=5000", now;
}

void SqliteKeyStore::insert(const KeyRecord& k) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string modes = toJsonArray(k.limits.allowedModes);
  std::string engines = toJsonArray(k.limits.allowedEngines);
  std::string tools = toJsonArray(k.limits.allowedTools);
  KeyRecord r = k;
  Poco::Nullable<double> daily = nullable(k.limits.dailyBudgetUsd);
  Poco::Nullable<double> monthly = nullable(k.limits.monthlyBudgetUsd);
  *session_ << "INSERT INTO gateway_keys (id, name, secret_sha256, secret_hint, created_at_ms, "
               "expires_at_ms, revoked_at_ms, allowed_modes, allowed_engines, rpm, tpm, "
               "max_concurrent, daily_budget_usd, monthly_budget_usd, allowed_tools) VALUES "
               "(?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
      use(r.id), use(r.name), use(r.secretSha256), use(r.secretHint), use(r.createdAtMs),
      use(r.expiresAtMs), use(r.revokedAtMs), use(modes), use(engines), use(r.limits.rpm),
      use(r.limits.tpm), use(r.limits.maxConcurrent), use(daily), use(monthly), use(tools), now;
}

bool SqliteKeyStore::update(const KeyRecord& k) {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string modes = toJsonArray(k.limits.allowedModes);
  std::string engines = toJsonArray(k.limits.allowedEngines);
  std::string tools = toJsonArray(k.limits.allowedTools);
  KeyRecord r = k;
  Poco::Nullable<double> daily = nullable(k.limits.dailyBudgetUsd);
  Poco::Nullable<double> monthly = nullable(k.limits.monthlyBudgetUsd);
  Poco::Data::Statement update(*session_);
  update << "UPDATE gateway_keys SET name = ?, expires_at_ms = ?, revoked_at_ms = ?, "
            "allowed_modes = ?, allowed_engines = ?, rpm = ?, tpm = ?, max_concurrent = ?, "
            "daily_budget_usd = ?, monthly_budget_usd = ?, allowed_tools = ? WHERE id = ?",
      use(r.name), use(r.expiresAtMs), use(r.revokedAtMs), use(modes), use(engines),
      use(r.limits.rpm), use(r.limits.tpm), use(r.limits.maxConcurrent), use(daily), use(monthly),
      use(tools), use(r.id);
  return update.execute() > 0;
}

std::vector<KeyRecord> SqliteKeyStore::all() {
  std::lock_guard<std::mutex> lock(mutex_);
  Poco::Data::Statement select(*session_);
  select << "SELECT id, name, secret_sha256, secret_hint, created_at_ms, expires_at_ms, "
            "revoked_at_ms, allowed_modes, allowed_engines, rpm, tpm, max_concurrent, "
            "daily_budget_usd, monthly_budget_usd, allowed_tools FROM gateway_keys "
            "ORDER BY created_at_ms, id";
  select.execute();
  Poco::Data::RecordSet rows(select);
  std::vector<KeyRecord> out;
  for (size_t i = 0; i < rows.rowCount(); ++i) {
    KeyRecord k;
    k.id = rows.value(0, i).convert<std::string>();
    k.name = rows.value(1, i).convert<std::string>();
    k.secretSha256 = rows.value(2, i).convert<std::string>();
    k.secretHint = rows.value(3, i).convert<std::string>();
    k.createdAtMs = rows.value(4, i).convert<int64_t>();
    k.expiresAtMs = rows.value(5, i).convert<int64_t>();
    k.revokedAtMs = rows.value(6, i).convert<int64_t>();
    k.limits.allowedModes = fromJsonArray(rows.value(7, i).convert<std::string>());
    k.limits.allowedEngines = fromJsonArray(rows.value(8, i).convert<std::string>());
    k.limits.rpm = rows.value(9, i).convert<int64_t>();
    k.limits.tpm = rows.value(10, i).convert<int64_t>();
    k.limits.maxConcurrent = rows.value(11, i).convert<int64_t>();
    if (!rows.value(12, i).isEmpty()) k.limits.dailyBudgetUsd = rows.value(12, i).convert<double>();
    if (!rows.value(13, i).isEmpty())
      k.limits.monthlyBudgetUsd = rows.value(13, i).convert<double>();
    k.limits.allowedTools = fromJsonArray(rows.value(14, i).convert<std::string>());
    out.push_back(std::move(k));
  }
  return out;
}

}  // namespace manifold::keys
