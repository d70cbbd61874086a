#include "router/ShapeSignals.h"

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "router/WordTable.h"

namespace manifold::router {
namespace {

/// A fixed set of normalized words.
class WordSet {
 public:
  WordSet(std::initializer_list<std::string_view> words) : words_(words.begin(), words.end()) {
    std::vector<uint32_t> hashes;
    for (std::string_view w : words_) hashes.push_back(hashWord(w));
    table_ = WordTable(hashes);
  }
  bool contains(const NormalizedText& text, size_t i) const {
    const uint32_t id = table_.find(text[i].hash);
    return id != WordTable::kMissing && words_[id] == text.word(i);
  }

 private:
  std::vector<std::string_view> words_;
  WordTable table_;
};

const WordSet& sourceExtensions() {
  static const WordSet set{"py",    "js",     "jsx",   "ts",  "tsx",  "rs",   "go",   "java",
                           "kt",    "c",      "cc",    "cpp", "h",    "hpp",  "cs",   "rb",
                           "php",   "swift",  "scala", "sh",  "sql",  "json", "yaml", "yml",
                           "toml",  "xml",    "html",  "css", "scss", "vue",  "lua",  "dart",
                           "ipynb", "gradle", "tf",    "csv"};
  return set;
}

const WordSet& imageExtensions() {
  static const WordSet set{"png", "jpg", "jpeg", "gif", "webp", "bmp", "svg", "heic", "tiff"};
  return set;
}

const WordSet& editVerbs() {
  static const WordSet set{"add",      "remove",    "erase",   "delete",  "change", "put",
                           "replace",  "upscale",   "enhance", "sharpen", "crop",   "blur",
                           "colorize", "colourize", "restore", "retouch", "make",   "turn",
                           "edit",     "brighten",  "darken",  "recolor", "swap",   "give"};
  return set;
}

const WordSet& politeLeads() {
  static const WordSet set{"can", "could", "would", "you", "please", "pls", "plz", "now", "and"};
  return set;
}

const WordSet& quantityWords() {
  static const WordSet set{"total",  "sum",       "minimum",    "maximum", "average", "left",
                           "remain", "remaining", "altogether", "least",   "most",    "fewest"};
  return set;
}

const WordSet& howQuantities() {
  static const WordSet set{"many", "long", "much", "far", "fast", "often", "old", "big"};
  return set;
}

const WordSet& makingVerbs() {
  static const WordSet set{"write",    "writing", "create",   "build",   "implement",
                           "generate", "make",    "develop",  "code",    "program",
                           "escribe",  "ecris",   "ecrire",   "schreib", "schreibe",
                           "crea",     "genera",  "erstelle", "scrivi",  "cree"};
  return set;
}

const WordSet& textFormats() {
  static const WordSet set{"html",        "css",     "code",    "csv",       "markdown",
                           "table",       "json",    "text",    "latex",     "list",
                           "spreadsheet", "excel",   "sql",     "react",     "words",
                           "bullet",      "bullets", "summary", "transcript"};
  return set;
}

bool isDigit(char c) {
  return c >= '0' && c <= '9';
}

bool adjacent(const NormalizedText& t, size_t a, size_t b) {
  return t[a].rawEnd + 1 == t[b].rawStart;
}

bool isNumber(const NormalizedText& t, size_t i) {
  return t[i].has(Word::kDigits) && !t[i].has(Word::kLetters);
}

// 3x, 12x, 2n: a coefficient and one variable letter.
bool isAlgebraTerm(const NormalizedText& t, size_t i) {
  const std::string_view w = t.word(i);
  if (w.size() < 2 || !isDigit(w[0])) return false;
  const char last = w.back();
  if (last != 'x' && last != 'y' && last != 'z' && last != 'n') return false;
  for (size_t k = 0; k + 1 < w.size(); ++k)
    if (!isDigit(w[k])) return false;
  return true;
}

bool isOperand(const NormalizedText& t, size_t i) {
  const std::string_view w = t.word(i);
  return isNumber(t, i) || isAlgebraTerm(t, i) || (w.size() == 1 && w[0] >= 'a' && w[0] <= 'z');
}

// The raw text between two words is one arithmetic operator, maybe spaced
// or next to a bracket: "3x^2", "x - 2", "log2(x) + 1".
bool operatorBetween(const NormalizedText& t, size_t a, size_t b) {
  if (t[b].rawStart - t[a].rawEnd > 5) return false;
  const std::string_view raw = t.raw();
  int operators = 0;
  for (size_t k = t[a].rawEnd; k < t[b].rawStart; ++k) {
    const char c = raw[k];
    if (c == '+' || c == '-' || c == '*' || c == '/' || c == '^' || c == '=' || c == '<' ||
        c == '>')
      ++operators;
    else if (c != ' ' && c != '(' && c != ')')
      return false;
  }
  return operators == 1;
}

// "main.rs:12", "Main.java:8)", 'File "app.py", line 42'.
bool isStackFrame(const NormalizedText& t, size_t i) {
  if (i == 0 || !adjacent(t, i - 1, i) || t.rawBefore(i) != '.') return false;
  if (!sourceExtensions().contains(t, i)) return false;
  const std::string_view raw = t.raw();
  const size_t end = t[i].rawEnd;
  if (end + 1 < raw.size() && raw[end] == ':' && isDigit(raw[end + 1])) return true;
  return i + 2 < t.size() && t.word(i + 1) == "line" && isNumber(t, i + 2);
}

const WordSet& javascriptLibraries() {
  static const WordSet set{"node", "vue",   "next",  "nuxt",     "express", "react",  "three",
                           "d3",   "chart", "ember", "backbone", "p5",      "alpine", "solid"};
  return set;
}

// "app.py", "ProductList.jsx"; not "Node.js", which names a library.
bool isSourceFile(const NormalizedText& t, size_t i) {
  if (i == 0 || !adjacent(t, i - 1, i) || t.rawBefore(i) != '.' || !t[i - 1].has(Word::kLetters))
    return false;
  if (!sourceExtensions().contains(t, i)) return false;
  return t.word(i) != "js" || !javascriptLibraries().contains(t, i - 1);
}

bool endsWith(std::string_view w, std::string_view suffix) {
  return w.size() > suffix.size() &&
         w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// ISO 6346 container numbers (MSCU1234567) and UPS numbers (1Z...).
bool isTrackingId(const NormalizedText& t, size_t i) {
  const std::string_view w = t.word(i);
  if (!t[i].has(Word::kDigits)) return false;
  if (w.size() == 18 && w[0] == '1' && w[1] == 'z') return true;
  if (w.size() != 11) return false;
  for (size_t k = 0; k < 4; ++k)
    if (w[k] < 'a' || w[k] > 'z') return false;
  for (size_t k = 4; k < 11; ++k)
    if (!isDigit(w[k])) return false;
  return w[3] == 'u' || w[3] == 'j' || w[3] == 'z';
}

}  // namespace

ShapeSignals readShape(const NormalizedText& t) {
  ShapeSignals s;
  const TextShape& shape = t.shape();
  s.codeFences = shape.fences;
  s.stackLines = shape.stackFrameLines;
  s.inlineCode = static_cast<uint16_t>(t.count('`') / 2);
  s.mathTerms = static_cast<uint16_t>(shape.mathSymbols + t.count('^'));
  s.codeSyntax = static_cast<uint16_t>(shape.codeLineEnds + shape.codeOperators);
  if (shape.lines >= 2) s.codeSyntax += shape.indentedLines / 2;

  size_t lead = 0;
  while (lead < t.size() && lead < 3 && politeLeads().contains(t, lead)) ++lead;
  s.startsWithEdit = lead < t.size() && editVerbs().contains(t, lead);

  for (size_t i = 0; i < t.size(); ++i) {
    const Word& w = t[i];
    const char after = t.rawAfter(i);
    if (w.has(Word::kLetters) && !w.has(Word::kDigits)) {
      if (w.has(Word::kInnerUpper) &&
          (endsWith(t.word(i), "error") || endsWith(t.word(i), "exception")))
        ++s.errorNames;
      if (after == '(' && w.length > 1) ++s.codeSyntax;  // a call: print(...)
      if (w.has(Word::kCamelCase)) ++s.identifiers;
      if (quantityWords().contains(t, i) ||
          (t.word(i) == "how" && i + 1 < t.size() && howQuantities().contains(t, i + 1)))
        s.asksQuantity = true;
      if (after == '_' && i + 1 < t.size() && adjacent(t, i, i + 1)) ++s.codeSyntax;
      if (t.rawBefore(i) == '.' && i > 0 && adjacent(t, i - 1, i) && after == '(')
        ++s.codeSyntax;  // a method call: conn.cursor()
    }
    if (isStackFrame(t, i)) ++s.stackFrames;
    if (isSourceFile(t, i)) ++s.sourceFiles;
    if (w.has(Word::kDigits)) {
      if (isAlgebraTerm(t, i) || (isNumber(t, i) && after == '%')) ++s.mathTerms;
      if (isNumber(t, i)) ++s.numbers;
      if (isTrackingId(t, i)) ++s.trackingIds;
    }
    if (i + 1 < t.size() && isOperand(t, i) && isOperand(t, i + 1) &&
        operatorBetween(t, i, i + 1) &&
        (isNumber(t, i) || isNumber(t, i + 1) || isAlgebraTerm(t, i) || t.word(i).size() == 1))
      ++s.mathTerms;
    if (shape.urls && t.rawBefore(i) == '.' && i > 0 && adjacent(t, i - 1, i) &&
        imageExtensions().contains(t, i))
      ++s.imageLinks;
    if (textFormats().contains(t, i)) s.asksForText = true;
    if (makingVerbs().contains(t, i)) s.asksToMake = true;
  }
  return s;
}

}  // namespace manifold::router
