#pragma once

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Stringifier.h>

#include <sstream>
#include <string>
#include <vector>

namespace manifold::config {

// Reading a config object that the schema has already checked.

template <class T>
T get(const Poco::JSON::Object::Ptr& o, const std::string& key, T fallback) {
  if (!o || !o->has(key) || o->isNull(key)) return fallback;
  return o->getValue<T>(key);
}

inline Poco::JSON::Object::Ptr child(const Poco::JSON::Object::Ptr& o, const std::string& key) {
  return o && o->has(key) ? o->getObject(key) : Poco::JSON::Object::Ptr();
}

inline std::string toJson(const Poco::JSON::Object::Ptr& o) {
  if (!o) return "{}";
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(o, out);
  return out.str();
}

inline std::vector<std::string> strings(const Poco::JSON::Object::Ptr& o, const std::string& key) {
  std::vector<std::string> out;
  if (!o || !o->has(key) || o->isNull(key)) return out;
  for (const auto& item : *o->getArray(key)) out.push_back(item.toString());
  return out;
}

}  // namespace manifold::config
