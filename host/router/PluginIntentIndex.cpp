#include "router/PluginIntentIndex.h"

#include <algorithm>
#include <unordered_map>

namespace manifold::router {

PluginIntentIndex::PluginIntentIndex(std::vector<std::shared_ptr<const PluginIntents>> plugins)
    : plugins_(std::move(plugins)) {
  plugins_.erase(std::remove(plugins_.begin(), plugins_.end(), nullptr), plugins_.end());
  std::sort(plugins_.begin(), plugins_.end(),
            [](const auto& a, const auto& b) { return a->pluginId() < b->pluginId(); });
  std::unordered_map<uint32_t, uint32_t> groupOf;
  std::vector<uint32_t> hashes;
  auto index = [&](const Candidate& candidate) {
    for (uint32_t hash : candidate.pattern->triggers()) {
      auto [it, fresh] = groupOf.emplace(hash, static_cast<uint32_t>(groups_.size()));
      if (fresh) {
        groups_.emplace_back();
        hashes.push_back(hash);
      }
      groups_[it->second].push_back(candidate);
    }
  };
  for (const auto& plugin : plugins_) {
    for (const IntentDeclaration& intent : plugin->intents()) {
      const Target target{plugin.get(), &intent};
      for (const WordPattern& p : intent.phrases) index(Candidate{target, &p, true});
      for (const WordPattern& p : intent.patterns) index(Candidate{target, &p, false});
    }
  }
  table_ = WordTable(hashes);
}

bool PluginIntentIndex::better(const Match& a, const Match& b) {
  if (a.target.intent->priority != b.target.intent->priority)
    return a.target.intent->priority > b.target.intent->priority;
  if (a.phrase != b.phrase) return a.phrase;
  if (a.literals != b.literals) return a.literals > b.literals;
  if (a.firstWord != b.firstWord) return a.firstWord < b.firstWord;
  return a.target.plugin->pluginId() < b.target.plugin->pluginId();
}

std::optional<PluginIntentIndex::Match> PluginIntentIndex::bestMatch(
    const NormalizedText& text) const {
  std::optional<Match> best;
  if (groups_.empty()) return best;
  for (size_t i = 0; i < text.size(); ++i) {
    const uint32_t group = table_.find(text[i].hash);
    if (group == WordTable::kMissing) continue;
    for (const Candidate& c : groups_[group]) {
      size_t end = 0;
      if (!c.pattern->matchAt(text, i, end)) continue;
      const Match match{c.target, c.phrase, i, c.pattern->literalCount()};
      if (!best || better(match, *best)) best = match;
    }
  }
  return best;
}

std::optional<PluginIntentIndex::Target> PluginIntentIndex::find(std::string_view name) const {
  std::optional<Target> found;
  const size_t slash = name.rfind('/');
  const std::string_view pluginId =
      slash == std::string_view::npos ? std::string_view() : name.substr(0, slash);
  const std::string_view intentName =
      slash == std::string_view::npos ? name : name.substr(slash + 1);
  for (const auto& plugin : plugins_) {
    if (!pluginId.empty() && plugin->pluginId() != pluginId) continue;
    for (const IntentDeclaration& intent : plugin->intents()) {
      if (intent.intent != intentName) continue;
      if (!found || intent.priority > found->intent->priority)
        found = Target{plugin.get(), &intent};
    }
  }
  return found;
}

std::vector<std::string> PluginIntentIndex::names() const {
  std::vector<std::string> out;
  for (const auto& plugin : plugins_)
    for (const IntentDeclaration& intent : plugin->intents())
      out.push_back(plugin->pluginId() + "/" + intent.intent);
  return out;
}

}  // namespace manifold::router
