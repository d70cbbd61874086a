#include "router/ModeLexicon.h"

#include <algorithm>
#include <map>
#include <memory>
#include <stdexcept>
#include <unordered_map>

namespace manifold::router {

ModeLexicon::ModeLexicon(const std::vector<Keyword>& keywords) {
  std::map<std::string, size_t> byText;
  auto normalized = std::make_unique<NormalizedText>();
  for (const Keyword& k : keywords) {
    normalized->assign(k.text);
    if (normalized->empty() || normalized->size() > kMaxWords || !normalized->validUtf8())
      throw std::invalid_argument("keyword \"" + std::string(k.text) +
                                  "\" must be one to eight words of UTF-8");
    const std::string text(normalized->text());
    auto [it, fresh] = byText.emplace(text, entries_.size());
    if (fresh) {
      Entry entry{text, normalized->size(), {}, {}};
      for (size_t w = 0; w < normalized->size(); ++w) entry.hashes[w] = (*normalized)[w].hash;
      entries_.push_back(std::move(entry));
    }
    Entry& entry = entries_[it->second];
    for (const Signal& s : entry.signals)
      if (s.mode == k.mode)
        throw std::invalid_argument("keyword \"" + text + "\" gives mode " +
                                    std::string(modeName(k.mode)) + " twice");
    std::string rule(k.rule);
    if (rule.empty()) {
      rule = "kw:" + text;
      std::replace(rule.begin(), rule.end(), ' ', '_');
    }
    entry.signals.push_back(Signal{k.mode, k.weight, std::move(rule)});
  }

  std::unordered_map<uint32_t, uint32_t> groupOf;
  std::vector<uint32_t> groupHashes;
  for (uint32_t id = 0; id < entries_.size(); ++id) {
    const std::string_view first =
        std::string_view(entries_[id].text).substr(0, entries_[id].text.find(' '));
    const uint32_t hash = hashWord(first);
    auto [it, fresh] = groupOf.emplace(hash, static_cast<uint32_t>(groups_.size()));
    if (fresh) {
      groups_.emplace_back();
      groupHashes.push_back(hash);
    }
    groups_[it->second].push_back(id);
  }
  for (auto& group : groups_)
    std::stable_sort(group.begin(), group.end(), [this](uint32_t a, uint32_t b) {
      return entries_[a].words > entries_[b].words;
    });
  table_ = WordTable(groupHashes);
}

}  // namespace manifold::router
