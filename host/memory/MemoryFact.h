#pragma once

#include <cstdint>
#include <string>

namespace manifold::memory {

/// One fact the assistant remembers. It belongs to a gateway key and, within
/// it, to an end user (OpenAI's `user` field; "" when the request had none).
struct MemoryFact {
  std::string id;     ///< "mem_" + random hex
  std::string keyId;  ///< "" for the master key or an anonymous loopback caller
  std::string user;
  /// The slot a rule fact fills ("name", "home"): a new fact for the slot
  /// replaces the old one. "" for facts that share no slot.
  std::string subject;
  std::string text;
  std::string source;  ///< api, rule or extractor
  int64_t createdMs = 0;
  int64_t updatedMs = 0;
};

}  // namespace manifold::memory
