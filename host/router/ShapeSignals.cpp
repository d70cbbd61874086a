#include "router/ShapeSignals.h"

#include <algorithm>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "router/WordTable.h"

namespace manifold::router {
namespace {

// Small closed classes of words the shape rules ask about, in one table so
// that each word of a message costs one lookup whatever the number of classes.
enum WordClass : uint16_t {
  kSourceExtension = 1 << 0,    // py, js, rs ...
  kImageExtension = 1 << 1,     // png, jpg ...
  kJavascriptLibrary = 1 << 2,  // node in "Node.js": a library, not a file
  kEditVerb = 1 << 3,           // what an image edit starts with
  kPoliteLead = 1 << 4,         // words before it: "can you please ..."
  kQuantityWord = 1 << 5,       // total, sum, minimum ...
  kHowQuantity = 1 << 6,        // many, long, much ... after "how"
  kMakingVerb = 1 << 7,         // write, build, implement ...
  kTextFormat = 1 << 8,         // html, csv, markdown, table ...
};

class WordClasses {
 public:
  WordClasses() {
    add(kSourceExtension,
        {"py",    "js",   "jsx", "ts",   "tsx",  "rs",    "go",     "java", "kt",
         "c",     "cc",   "cpp", "h",    "hpp",  "cs",    "rb",     "php",  "swift",
         "scala", "sh",   "sql", "json", "yaml", "yml",   "toml",   "xml",  "html",
         "css",   "scss", "vue", "lua",  "dart", "ipynb", "gradle", "tf",   "csv"});
    add(kImageExtension, {"png", "jpg", "jpeg", "gif", "webp", "bmp", "svg", "heic", "tiff"});
    add(kJavascriptLibrary, {"node", "vue", "next", "nuxt", "express", "react", "three", "d3",
                             "chart", "ember", "backbone", "p5", "alpine", "solid"});
    add(kEditVerb,
        {"add",     "remove",  "erase", "delete",   "change",   "put",       "replace", "upscale",
         "enhance", "sharpen", "crop",  "blur",     "colorize", "colourize", "restore", "retouch",
         "make",    "turn",    "edit",  "brighten", "darken",   "recolor",   "swap",    "give"});
    add(kPoliteLead, {"can", "could", "would", "you", "please", "pls", "plz", "now", "and"});
    add(kQuantityWord, {"total", "sum", "minimum", "maximum", "average", "left", "remain",
                        "remaining", "altogether", "least", "most", "fewest"});
    add(kHowQuantity, {"many", "long", "much", "far", "fast", "often", "old", "big"});
    add(kMakingVerb,
        {"write",    "writing", "create",  "build",    "implement", "generate", "make",
         "develop",  "code",    "program", "escribe",  "ecris",     "ecrire",   "schreib",
         "schreibe", "crea",    "genera",  "erstelle", "scrivi",    "cree"});
    add(kTextFormat, {"html", "css", "code", "csv", "markdown", "table", "json", "text", "latex",
                      "list", "spreadsheet", "excel", "sql", "react", "words", "bullet", "bullets",
                      "summary", "transcript"});
    std::vector<uint32_t> hashes;
    for (const std::string& w : words_) hashes.push_back(hashWord(w));
    table_ = WordTable(hashes);
  }

  uint16_t of(const NormalizedText& text, size_t i) const {
    const uint32_t id = table_.find(text[i].hash);
    return id != WordTable::kMissing && words_[id] == text.word(i) ? classes_[id] : 0;
  }

 private:
  void add(WordClass cls, std::initializer_list<std::string_view> words) {
    for (std::string_view w : words) {
      auto it = std::find(words_.begin(), words_.end(), w);
      if (it == words_.end()) {
        words_.emplace_back(w);
        classes_.push_back(cls);
      } else {
        classes_[static_cast<size_t>(it - words_.begin())] |= cls;
      }
    }
  }

  std::vector<std::string> words_;
  std::vector<uint16_t> classes_;
  WordTable table_;
};

const WordClasses& wordClasses() {
  static const WordClasses classes;
  return classes;
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

// The word is a file extension right after a name and a dot: "app.py".
bool isExtensionOfAName(const NormalizedText& t, size_t i, uint16_t classes, WordClass which) {
  return (classes & which) && i > 0 && t.rawBefore(i) == '.' && adjacent(t, i - 1, i) &&
         t[i - 1].has(Word::kLetters);
}

// "main.rs:12", "Main.java:8)", 'File "app.py", line 42'.
bool isStackFrame(const NormalizedText& t, size_t i) {
  const std::string_view raw = t.raw();
  const size_t end = t[i].rawEnd;
  if (end + 1 < raw.size() && raw[end] == ':' && isDigit(raw[end + 1])) return true;
  return i + 2 < t.size() && t.word(i + 1) == "line" && isNumber(t, i + 2);
}

// Not "Node.js", which names a library.
bool isSourceFile(const NormalizedText& t, size_t i) {
  return t.word(i) != "js" || !(wordClasses().of(t, i - 1) & kJavascriptLibrary);
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

  const WordClasses& classes = wordClasses();
  size_t lead = 0;
  while (lead < t.size() && lead < 3 && (classes.of(t, lead) & kPoliteLead)) ++lead;
  s.startsWithEdit = lead < t.size() && (classes.of(t, lead) & kEditVerb);

  for (size_t i = 0; i < t.size(); ++i) {
    const Word& w = t[i];
    const uint16_t cls = classes.of(t, i);
    const char after = t.rawAfter(i);
    if (w.has(Word::kLetters) && !w.has(Word::kDigits)) {
      if (w.has(Word::kInnerUpper) &&
          (endsWith(t.word(i), "error") || endsWith(t.word(i), "exception")))
        ++s.errorNames;
      if (after == '(' && w.length > 1) ++s.codeSyntax;  // a call: print(...)
      if (w.has(Word::kCamelCase)) ++s.identifiers;
      if ((cls & kQuantityWord) ||
          (t.word(i) == "how" && i + 1 < t.size() && (classes.of(t, i + 1) & kHowQuantity)))
        s.asksQuantity = true;
      if (after == '_' && i + 1 < t.size() && adjacent(t, i, i + 1)) ++s.codeSyntax;
      if (t.rawBefore(i) == '.' && i > 0 && adjacent(t, i - 1, i) && after == '(')
        ++s.codeSyntax;  // a method call: conn.cursor()
    }
    if (isExtensionOfAName(t, i, cls, kSourceExtension)) {
      s.stackFrames += isStackFrame(t, i);
      s.sourceFiles += isSourceFile(t, i);
    }
    if (shape.urls && isExtensionOfAName(t, i, cls, kImageExtension)) ++s.imageLinks;
    if (w.has(Word::kDigits)) {
      if (isAlgebraTerm(t, i) || (isNumber(t, i) && after == '%')) ++s.mathTerms;
      if (isNumber(t, i)) ++s.numbers;
      if (isTrackingId(t, i)) ++s.trackingIds;
    }
    if ((w.length == 1 || w.has(Word::kDigits)) && i + 1 < t.size() && isOperand(t, i) &&
        isOperand(t, i + 1) && operatorBetween(t, i, i + 1))
      ++s.mathTerms;
    if (cls & kTextFormat) s.asksForText = true;
    if (cls & kMakingVerb) s.asksToMake = true;
  }
  return s;
}

}  // namespace manifold::router
