#include "export/XlsxRenderer.h"

#include <Poco/TemporaryFile.h>

#include <xlsxwriter.h>

#include <fstream>
#include <iterator>
#include <stdexcept>

#include "export/MarkdownBlocks.h"

namespace manifold::exporting {
namespace {

constexpr size_t kCellCharacters = 32767;  // Excel's limit, which libxlsxwriter enforces
/// Each sheet costs memory until the workbook is closed: 2 MiB of tiny tables
/// must not become 100000 sheets.
constexpr int kMaxTableSheets = 100;

/// `text` cut into pieces of at most kCellCharacters code points, never
/// inside a UTF-8 sequence.
std::vector<std::string> cellPieces(const std::string& text) {
  std::vector<std::string> pieces;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = start;
    for (size_t count = 0; end < text.size() && count < kCellCharacters; ++count) {
      ++end;
      while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    }
    pieces.push_back(text.substr(start, end - start));
    start = end;
  }
  if (pieces.empty()) pieces.emplace_back();
  return pieces;
}

bool plainNumber(const std::string& cell) {
  size_t i = cell[0] == '-' ? 1 : 0;
  const size_t digits = cell.find_first_not_of("0123456789", i);
  const size_t intEnd = digits == std::string::npos ? cell.size() : digits;
  if (intEnd == i || (cell[i] == '0' && intEnd - i > 1) || intEnd - i > 15) return false;
  if (intEnd == cell.size()) return true;
  return cell[intEnd] == '.' && intEnd + 1 < cell.size() &&
         cell.find_first_not_of("0123456789", intEnd + 1) == std::string::npos;
}

class Workbook {
 public:
  explicit Workbook(const std::string& path) : book_(workbook_new(path.c_str())) {
    if (!book_) throw std::runtime_error("libxlsxwriter cannot create a workbook");
    bold_ = workbook_add_format(book_);
    format_set_bold(bold_);
    wrapped_ = workbook_add_format(book_);
    format_set_text_wrap(wrapped_);
    format_set_align(wrapped_, LXW_ALIGN_VERTICAL_TOP);
  }
  ~Workbook() {
    if (book_) workbook_close(book_);
  }

  void conversation(const std::vector<ExportMessage>& messages) {
    lxw_worksheet* sheet = workbook_add_worksheet(book_, "Conversation");
    worksheet_set_column(sheet, 0, 0, 12, nullptr);
    worksheet_set_column(sheet, 1, 1, 100, wrapped_);
    check(worksheet_write_string(sheet, 0, 0, "Role", bold_));
    check(worksheet_write_string(sheet, 0, 1, "Content", bold_));
    lxw_row_t row = 1;
    for (const ExportMessage& message : messages)
      for (const std::string& piece : cellPieces(message.text)) {
        check(worksheet_write_string(sheet, row, 0, message.role.c_str(), nullptr));
        check(worksheet_write_string(sheet, row, 1, piece.c_str(), wrapped_));
        ++row;
      }
  }

  void table(const MarkdownBlock& table, int number) {
    const std::string name = "Table " + std::to_string(number);
    lxw_worksheet* sheet = workbook_add_worksheet(book_, name.c_str());
    // Cells past Excel's last row or column are left out (the Conversation sheet has them).
    for (size_t r = 0; r < table.rows.size() && r < LXW_ROW_MAX; ++r)
      for (size_t c = 0; c < table.rows[r].size() && c < LXW_COL_MAX; ++c) {
        const std::string& cell = table.rows[r][c];
        const auto row = static_cast<lxw_row_t>(r);
        const auto column = static_cast<lxw_col_t>(c);
        if (cell.empty()) continue;
        if (r > 0 && plainNumber(cell))
          check(worksheet_write_number(sheet, row, column, std::stod(cell), nullptr));
        else
          check(worksheet_write_string(sheet, row, column, cellPieces(cell).front().c_str(),
                                       r == 0 ? bold_ : nullptr));
      }
  }

  void close(const std::string& title) {
    lxw_doc_properties properties{};
    properties.title = const_cast<char*>(title.c_str());  // libxlsxwriter copies it
    workbook_set_properties(book_, &properties);
    const lxw_error error = workbook_close(book_);
    book_ = nullptr;
    if (error != LXW_NO_ERROR)
      throw std::runtime_error(std::string("libxlsxwriter: ") + lxw_strerror(error));
  }

 private:
  static void check(lxw_error error) {
    if (error != LXW_NO_ERROR)
      throw std::runtime_error(std::string("libxlsxwriter: ") + lxw_strerror(error));
  }

  lxw_workbook* book_;
  lxw_format* bold_ = nullptr;
  lxw_format* wrapped_ = nullptr;
};

}  // namespace

std::string renderXlsx(const ExportDocument& document) {
  Poco::TemporaryFile file;  // removed when this returns, whatever happens
  {
    Workbook book(file.path());
    book.conversation(document.messages);
    int tables = 0;
    for (const ExportMessage& message : document.messages)
      for (const MarkdownBlock& block : parseMarkdown(message.text))
        if (block.kind == MarkdownBlock::Kind::Table && tables < kMaxTableSheets)
          book.table(block, ++tables);
    book.close(document.title);
  }
  std::ifstream in(file.path(), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (bytes.empty()) throw std::runtime_error("the XLSX file came out empty");
  return bytes;
}

}  // namespace manifold::exporting
