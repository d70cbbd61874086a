#pragma once

#include <cstdint>
#include <vector>

namespace manifold::router {

/// An open-addressing map from a word hash to a small id, built once: a
/// lookup for a word that is not there (the common case) touches one or two
/// slots of a table small enough to stay in cache.
class WordTable {
 public:
  static constexpr uint32_t kMissing = UINT32_MAX;

  WordTable() = default;
  /// `hashes` must be distinct; the id of hashes[i] is i.
  explicit WordTable(const std::vector<uint32_t>& hashes) {
    size_t capacity = 16;
    while (capacity < hashes.size() * 2 + 1) capacity *= 2;
    slots_.assign(capacity, Slot{0, kMissing});
    mask_ = capacity - 1;
    for (uint32_t id = 0; id < hashes.size(); ++id) {
      size_t i = hashes[id] & mask_;
      while (slots_[i].id != kMissing) i = (i + 1) & mask_;
      slots_[i] = Slot{hashes[id], id};
    }
  }

  uint32_t find(uint32_t hash) const {
    if (slots_.empty()) return kMissing;
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot& slot = slots_[i];
      if (slot.id == kMissing || slot.hash == hash) return slot.id;
    }
  }

 private:
  struct Slot {
    uint32_t hash;
    uint32_t id;
  };
  std::vector<Slot> slots_;
  size_t mask_ = 0;
};

}  // namespace manifold::router
