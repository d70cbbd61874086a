#include "router/RuleBasedRouter.h"

#include <algorithm>
#include <array>
#include <bitset>
#include <cctype>
#include <stdexcept>

#include "plugins/PluginManager.h"
#include "router/BuiltInKeywords.h"
#include "router/ShapeSignals.h"

namespace manifold::router {
namespace {

constexpr size_t kMaxLexiconEntries = 4096;

// Evidence for each mode, and the strongest single reason behind it.
class Evidence {
 public:
  void add(Mode mode, float weight, std::string_view rule) {
    const size_t m = static_cast<size_t>(mode);
    score_[m] += weight;
    if (weight > top_[m]) {
      top_[m] = weight;
      rule_[m] = rule;
    }
  }
  void scale(Mode mode, float factor) { score_[static_cast<size_t>(mode)] *= factor; }
  float operator[](Mode mode) const { return score_[static_cast<size_t>(mode)]; }
  std::string_view rule(Mode mode) const { return rule_[static_cast<size_t>(mode)]; }

 private:
  std::array<float, kModeCount> score_{};
  std::array<float, kModeCount> top_{};
  std::array<std::string_view, kModeCount> rule_{};
};

// Evidence that no wording can outweigh.
constexpr float kDecisive = 6.0f;
// A mode this sure serves the needs of the modes it dominates.
constexpr float kDominant = 4.0f;
// With an image attached, this much image evidence means "edit this picture".
constexpr float kImageEdit = 4.5f;

RouteDecision decision(Mode mode, double confidence, std::string_view rule) {
  RouteDecision d;
  d.mode = mode;
  d.confidence = confidence;
  d.rule = std::string(rule);
  return d;
}

void addShapeEvidence(Evidence& e, const ShapeSignals& shape, bool namesLanguage) {
  if (shape.codeFences) e.add(Mode::Coder, kDecisive, "code_fence");
  if (shape.stackFrames || shape.stackLines >= 2 || shape.errorNames)
    e.add(Mode::Coder, (shape.stackFrames || shape.stackLines) ? kDecisive : 4.0f, "stack_trace");
  if (shape.codeSyntax >= 2)
    e.add(Mode::Coder, std::min<float>(shape.codeSyntax, kDecisive), "code_syntax");
  if (shape.inlineCode) e.add(Mode::Coder, 2.0f, "inline_code");
  if (shape.identifiers) e.add(Mode::Coder, 3.0f, "identifier");
  if (shape.sourceFiles) e.add(Mode::Coder, 2.5f, "source_file");
  if (shape.mathTerms >= 2 && !shape.codeFences)
    e.add(Mode::Reasoner, std::min<float>(shape.mathTerms, 4.0f) + 1.0f, "math_expression");
  // Several numbers and a question about a quantity: a word problem.
  if (shape.asksQuantity && shape.numbers >= 2)
    e.add(Mode::Reasoner, 2.0f + 0.5f * std::min<float>(shape.numbers, 4), "word_problem");
  if (shape.imageLinks) e.add(Mode::Vision, kDecisive, "image_link");
  if (shape.trackingIds) e.add(Mode::Live, kDecisive, "tracking_id");
  // Asking for something made in a named language or tool is a code request,
  // whatever the code is for.
  if (namesLanguage && (shape.asksToMake || e[Mode::Coder] >= 4.5f))
    e.add(Mode::Coder, 2.5f, "code_request");
}

// Smart is the default; short messages lean fast.
void addLengthPriors(Evidence& e, size_t words) {
  e.add(Mode::Smart, 1.0f, "default");
  if (words <= 3)
    e.add(Mode::Fast, 2.0f, "short_message");
  else if (words <= 6)
    e.add(Mode::Fast, 1.2f, "short_message");
  else if (words <= 10)
    e.add(Mode::Fast, 0.5f, "short_message");
  else if (words >= 60)
    e.add(Mode::Smart, 1.0f, "long_message");
  // Greetings and lookups are short; in a long message those words are asides.
  if (words > 15) e.scale(Mode::Fast, 0.5f);
}

// With an image attached only vision and image engines will do: image when
// the message asks to edit or generate a picture, vision otherwise.
RouteDecision visionOrImageEdit(const Evidence& e, const ShapeSignals& shape) {
  float edit = e[Mode::Image];
  if (shape.startsWithEdit) edit += 3.0f;
  if (shape.asksForText) edit -= 3.0f;
  if (edit < kImageEdit) return decision(Mode::Vision, 0.9, "image_attached");
  return decision(Mode::Image, std::min(0.95, 0.6 + (edit - kImageEdit) / 20.0),
                  shape.startsWithEdit ? std::string_view("image_edit") : e.rule(Mode::Image));
}

// Where two modes fit, the chain that serves both needs wins: the coder chain
// writes code that fetches live data, does maths or draws charts; the live
// chain writes and answers quick questions too; the reasoner answers quickly.
void preferChainsThatServeBoth(Evidence& e) {
  if (e[Mode::Coder] >= kDominant) {
    e.scale(Mode::Live, 0.5f);
    e.scale(Mode::Reasoner, 0.5f);
    e.scale(Mode::Image, 0.5f);
  }
  if (e[Mode::Live] >= kDominant) {
    e.scale(Mode::Smart, 0.5f);
    e.scale(Mode::Fast, 0.5f);
  }
  if (e[Mode::Reasoner] >= kDominant) e.scale(Mode::Fast, 0.5f);
}

// The mode with the most evidence; confidence grows with its lead.
RouteDecision strongest(const Evidence& e) {
  Mode best = Mode::Smart, second = Mode::Fast;
  for (size_t m = 0; m < kModeCount; ++m) {
    const Mode mode = static_cast<Mode>(m);
    if (e[mode] > e[best]) {
      second = best;
      best = mode;
    } else if (mode != best && e[mode] > e[second]) {
      second = mode;
    }
  }
  const float top = std::max(e[best], 0.0f), runnerUp = std::max(e[second], 0.0f);
  return decision(best, top / (top + runnerUp + 1.0),
                  e.rule(best).empty() ? std::string_view("default") : e.rule(best));
}

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

std::string lowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

RuleBasedRouter::RuleBasedRouter(const plugins::PluginDirectory* plugins)
    : lexicon_(builtInKeywords()), plugins_(plugins) {
  if (lexicon_.size() > kMaxLexiconEntries)
    throw std::logic_error("the router's lexicon outgrew its per-message bitset");
}

RouteDecision RuleBasedRouter::routeMode(const NormalizedText& text, bool imageAttached) const {
  if (!text.validUtf8())
    return decision(imageAttached ? Mode::Vision : Mode::Smart, 0.1, "invalid_utf8");
  if (text.empty())
    return imageAttached ? decision(Mode::Vision, 0.9, "image_attached")
                         : decision(Mode::Fast, 0.1, "empty");

  Evidence e;
  std::bitset<kMaxLexiconEntries> seen;
  const ModeLexicon::Entry* firstEntry = &lexicon_.entries().front();
  bool namesLanguage = false;
  lexicon_.scan(text, [&](const ModeLexicon::Entry& entry, size_t) {
    const size_t id = static_cast<size_t>(&entry - firstEntry);
    if (seen.test(id)) return;  // a word says the same thing however often it recurs
    seen.set(id);
    for (const ModeLexicon::Signal& s : entry.signals) {
      e.add(s.mode, s.weight, s.rule);
      namesLanguage |= s.mode == Mode::Coder && s.weight >= 2.5f;
    }
  });
  const ShapeSignals shape = readShape(text);
  addShapeEvidence(e, shape, namesLanguage);
  addLengthPriors(e, text.size());

  if (imageAttached) return visionOrImageEdit(e, shape);
  preferChainsThatServeBoth(e);
  return strongest(e);
}

std::shared_ptr<const PluginIntentIndex> RuleBasedRouter::pluginIntents() const {
  if (!plugins_) return nullptr;
  const uint64_t generation = plugins_->generation();
  if (generation != intentsGeneration_.load(std::memory_order_acquire)) {
    std::lock_guard<std::mutex> lock(refreshMutex_);
    if (generation != intentsGeneration_.load(std::memory_order_relaxed)) {
      std::vector<std::shared_ptr<const PluginIntents>> declared;
      for (const auto& plugin : plugins_->snapshot().loaded)
        if (plugin->intents()) declared.push_back(plugin->intents());
      auto index = std::make_shared<const PluginIntentIndex>(std::move(declared));
      noIntents_.store(index->empty(), std::memory_order_relaxed);
      std::atomic_store(&intents_, std::shared_ptr<const PluginIntentIndex>(std::move(index)));
      intentsGeneration_.store(generation, std::memory_order_release);
    }
  }
  // Most gateways load no intent plugin: skip the shared_ptr's lock then.
  if (noIntents_.load(std::memory_order_relaxed)) return nullptr;
  return std::atomic_load(&intents_);
}

RouteDecision RuleBasedRouter::route(const RouterInput& input) const {
  NormalizedText text(input.text);
  RouteDecision mode = routeMode(text, input.imageAttached);
  if (!text.validUtf8() || text.empty()) return mode;
  const std::shared_ptr<const PluginIntentIndex> intents = pluginIntents();
  if (!intents || intents->empty()) return mode;
  const std::optional<PluginIntentIndex::Match> match = intents->bestMatch(text);
  if (!match) return mode;
  mode.intent = match->target.intent->intent;
  mode.pluginId = match->target.plugin->pluginId();
  mode.confidence = match->phrase ? 0.9 : 0.8;
  mode.rule = "plugin:" + mode.pluginId + "/" + mode.intent;
  return mode;
}

RouteResult RuleBasedRouter::decide(std::optional<std::string_view> requested,
                                    const RouterInput& input) const {
  const std::string_view asked = requested ? trimmed(*requested) : std::string_view();
  const std::string name = lowered(asked);
  if (name.empty() || name == "auto") return RouteResult{route(input), ""};

  const std::string_view modeName =
      std::string_view(name).substr(name.rfind("mode/", 0) == 0 ? 5 : 0);
  if (const std::optional<Mode> mode = modeFromName(modeName))
    return RouteResult{decision(*mode, 1.0, "override"), ""};

  const std::shared_ptr<const PluginIntentIndex> intents = pluginIntents();
  if (const auto target = intents ? intents->find(asked) : std::nullopt) {
    NormalizedText text(input.text);
    RouteDecision d = routeMode(text, input.imageAttached);
    d.intent = target->intent->intent;
    d.pluginId = target->plugin->pluginId();
    d.confidence = 1.0;
    d.rule = "override";
    return RouteResult{std::move(d), ""};
  }
  std::string known;
  for (const std::string& target : knownTargets()) known += (known.empty() ? "" : ", ") + target;
  return RouteResult{std::nullopt, "unknown mode or intent \"" + std::string(asked.substr(0, 64)) +
                                       "\"; known: " + known};
}

std::vector<std::string> RuleBasedRouter::knownTargets() const {
  std::vector<std::string> out;
  for (size_t m = 0; m < kModeCount; ++m) out.emplace_back(modeName(static_cast<Mode>(m)));
  if (const auto intents = pluginIntents())
    for (std::string& name : intents->names()) out.push_back(std::move(name));
  return out;
}

}  // namespace manifold::router
