#include "export/MarkdownBlocks.h"

#include <cctype>

namespace manifold::exporting {
namespace {

using Kind = MarkdownBlock::Kind;

bool isSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}
bool isWordChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && isSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && isSpace(s.back())) s.remove_suffix(1);
  return s;
}

size_t indentOf(std::string_view line) {
  size_t width = 0;
  for (char c : line) {
    if (c == ' ')
      ++width;
    else if (c == '\t')
      width += 4;
    else
      break;
  }
  return width;
}

size_t runOf(std::string_view s, size_t from, char c) {
  size_t end = from;
  while (end < s.size() && s[end] == c) ++end;
  return end - from;
}

/// "```" or "~~~" (or longer) opening a fenced code block: the fence, or "".
std::string fenceOf(std::string_view trimmedLine) {
  if (trimmedLine.empty() || (trimmedLine[0] != '`' && trimmedLine[0] != '~')) return "";
  const size_t run = runOf(trimmedLine, 0, trimmedLine[0]);
  return run >= 3 ? std::string(run, trimmedLine[0]) : "";
}

bool closesFence(std::string_view trimmedLine, const std::string& fence) {
  return runOf(trimmedLine, 0, fence[0]) >= fence.size() &&
         trimmedLine.find_first_not_of(fence[0]) == std::string_view::npos;
}

bool allOf(std::string_view s, char c) {
  return !s.empty() && s.find_first_not_of(c) == std::string_view::npos;
}

bool isRule(std::string_view trimmedLine) {
  for (char c : {'-', '*', '_'}) {
    size_t count = 0;
    bool only = true;
    for (char k : trimmedLine) {
      if (k == c)
        ++count;
      else if (k != ' ')
        only = false;
    }
    if (only && count >= 3) return true;
  }
  return false;
}

/// "## Title" gives 2 and "Title"; 0 when the line is not a heading.
int headingOf(std::string_view trimmedLine, std::string& text) {
  const size_t level = runOf(trimmedLine, 0, '#');
  if (level < 1 || level > 6) return 0;
  if (level < trimmedLine.size() && trimmedLine[level] != ' ') return 0;
  std::string_view rest = trim(trimmedLine.substr(level));
  while (!rest.empty() && rest.back() == '#') rest.remove_suffix(1);
  text = plainInline(trim(rest));
  return static_cast<int>(level);
}

bool listItemOf(std::string_view line, MarkdownBlock& item) {
  const size_t indent = indentOf(line);
  const std::string_view body = trim(line);
  size_t markerEnd = 0;
  if (!body.empty() && (body[0] == '-' || body[0] == '*' || body[0] == '+')) {
    markerEnd = 1;
    item.marker = "\u2022";
  } else {
    while (markerEnd < body.size() && markerEnd < 9 &&
           std::isdigit(static_cast<unsigned char>(body[markerEnd])))
      ++markerEnd;
    if (markerEnd == 0 || markerEnd >= body.size() ||
        (body[markerEnd] != '.' && body[markerEnd] != ')'))
      return false;
    item.marker = std::string(body.substr(0, markerEnd)) + ".";
    ++markerEnd;
  }
  if (markerEnd < body.size() && body[markerEnd] != ' ' && body[markerEnd] != '\t') return false;
  item.kind = Kind::ListItem;
  item.level = static_cast<int>(indent / 2);
  item.text = plainInline(trim(body.substr(markerEnd)));
  return true;
}

std::vector<std::string> cellsOf(std::string_view trimmedLine) {
  if (!trimmedLine.empty() && trimmedLine.front() == '|') trimmedLine.remove_prefix(1);
  if (!trimmedLine.empty() && trimmedLine.back() == '|' &&
      (trimmedLine.size() < 2 || trimmedLine[trimmedLine.size() - 2] != '\\'))
    trimmedLine.remove_suffix(1);
  std::vector<std::string> cells;
  std::string cell;
  for (size_t i = 0; i < trimmedLine.size(); ++i) {
    if (trimmedLine[i] == '\\' && i + 1 < trimmedLine.size() && trimmedLine[i + 1] == '|') {
      cell += '|';
      ++i;
    } else if (trimmedLine[i] == '|') {
      cells.push_back(plainInline(trim(cell)));
      cell.clear();
    } else {
      cell += trimmedLine[i];
    }
  }
  cells.push_back(plainInline(trim(cell)));
  return cells;
}

bool isDelimiterRow(std::string_view trimmedLine) {
  if (trimmedLine.find('-') == std::string_view::npos) return false;
  for (const std::string& cell : cellsOf(trimmedLine)) {
    std::string_view c = cell;
    if (!c.empty() && c.front() == ':') c.remove_prefix(1);
    if (!c.empty() && c.back() == ':') c.remove_suffix(1);
    if (!allOf(c, '-')) return false;
  }
  return true;
}

std::vector<std::string_view> linesOf(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

class BlockBuilder {
 public:
  explicit BlockBuilder(std::string_view text) : lines_(linesOf(text)) {}

  std::vector<MarkdownBlock> build() {
    for (i_ = 0; i_ < lines_.size(); ++i_) step();
    endParagraph();
    return std::move(blocks_);
  }

 private:
  void step() {
    const std::string_view line = lines_[i_];
    const std::string_view t = trim(line);
    const bool afterBlank = previousBlank_;
    previousBlank_ = t.empty();
    if (t.empty()) return endParagraph();
    if (std::string fence = fenceOf(t); !fence.empty()) return code(fence);
    if (!paragraph_.empty() && (allOf(t, '=') || allOf(t, '-'))) {
      blocks_.push_back({Kind::Heading, t[0] == '=' ? 1 : 2, "", plainInline(paragraph_), {}, {}});
      paragraph_.clear();
      return;
    }
    MarkdownBlock block;
    if (int level = headingOf(t, block.text); level > 0) {
      block.kind = Kind::Heading;
      block.level = level;
      return push(std::move(block));
    }
    if (t.find('|') != std::string_view::npos && i_ + 1 < lines_.size() &&
        isDelimiterRow(trim(lines_[i_ + 1])))
      return table(t);
    if (isRule(t)) return push({Kind::Rule, 0, "", "", {}, {}});
    if (listItemOf(line, block)) return push(std::move(block));
    const bool continuesItem = paragraph_.empty() && !afterBlank && !blocks_.empty() &&
                               blocks_.back().kind == Kind::ListItem && indentOf(line) > 0;
    if (continuesItem) {
      blocks_.back().text += " " + plainInline(t);
      return;
    }
    std::string_view words = t;
    if (words.front() == '>') words = trim(words.substr(1));
    paragraph_ += (paragraph_.empty() ? "" : " ") + std::string(words);
  }

  void code(const std::string& fence) {
    endParagraph();
    MarkdownBlock block{Kind::Code, 0, "", "", {}, {}};
    for (++i_; i_ < lines_.size() && !closesFence(trim(lines_[i_]), fence); ++i_)
      block.lines.emplace_back(lines_[i_]);
    blocks_.push_back(std::move(block));
  }

  void table(std::string_view header) {
    endParagraph();
    MarkdownBlock block{Kind::Table, 0, "", "", {}, {cellsOf(header)}};
    const size_t columns = block.rows.front().size();
    for (i_ += 2; i_ < lines_.size(); ++i_) {
      const std::string_view t = trim(lines_[i_]);
      if (t.empty() || t.find('|') == std::string_view::npos) break;
      block.rows.push_back(cellsOf(t));
      block.rows.back().resize(columns);
    }
    --i_;  // the line that ended the table is read again
    blocks_.push_back(std::move(block));
  }

  void push(MarkdownBlock block) {
    endParagraph();
    blocks_.push_back(std::move(block));
  }

  void endParagraph() {
    if (paragraph_.empty()) return;
    blocks_.push_back({Kind::Paragraph, 0, "", plainInline(paragraph_), {}, {}});
    paragraph_.clear();
  }

  std::vector<std::string_view> lines_;
  size_t i_ = 0;
  bool previousBlank_ = false;
  std::string paragraph_;
  std::vector<MarkdownBlock> blocks_;
};

/// [text](url) at `i`: appends "text (url)" (just the url when they are the
/// same) and returns the index after it, or 0 when there is no link there.
size_t link(std::string_view s, size_t i, std::string& out) {
  const size_t close = s.find(']', i + 1);
  if (close == std::string_view::npos || close + 1 >= s.size() || s[close + 1] != '(') return 0;
  const size_t end = s.find(')', close + 2);
  if (end == std::string_view::npos) return 0;
  const std::string text = plainInline(s.substr(i + 1, close - i - 1));
  const std::string_view url = s.substr(close + 2, end - close - 2);
  out += text;
  if (!url.empty() && url != text)
    out += (text.empty() ? "" : " ") + ("(" + std::string(url) + ")");
  return end + 1;
}

}  // namespace

std::vector<MarkdownBlock> parseMarkdown(std::string_view text) {
  return BlockBuilder(text).build();
}

std::string plainInline(std::string_view s) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const char c = s[i];
    if (c == '\\' && i + 1 < s.size() && std::ispunct(static_cast<unsigned char>(s[i + 1]))) {
      out += s[i + 1];
      i += 2;
    } else if (c == '`') {
      const size_t run = runOf(s, i, '`');
      const size_t close = s.find(std::string(run, '`'), i + run);
      if (close == std::string_view::npos) {
        out.append(run, '`');
        i += run;
      } else {
        out += trim(s.substr(i + run, close - i - run));
        i = close + run;
      }
    } else if (size_t next = c == '['                                          ? link(s, i, out)
                             : c == '!' && i + 1 < s.size() && s[i + 1] == '[' ? link(s, i + 1, out)
                                                                               : 0;
               next > 0) {
      i = next;
    } else if (c == '*' || c == '_' || c == '~') {
      const size_t run = runOf(s, i, c);
      const char before = i > 0 ? s[i - 1] : ' ';
      const char after = i + run < s.size() ? s[i + run] : ' ';
      const bool spaced = isSpace(before) && isSpace(after);
      const bool delimiter = c == '~' ? run == 2
                             : c == '_'
                                 ? run <= 3 && !spaced && !(isWordChar(before) && isWordChar(after))
                                 : run <= 3 && !spaced;
      if (!delimiter) out.append(run, c);
      i += run;
    } else {
      out += c;
      ++i;
    }
  }
  return out;
}

}  // namespace manifold::exporting
