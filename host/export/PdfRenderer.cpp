#include "export/PdfRenderer.h"

#include <algorithm>
#include <cctype>

#include "export/MarkdownBlocks.h"
#include "export/PdfCanvas.h"
#include "export/WinAnsiText.h"

namespace manifold::exporting {
namespace {

using Face = PdfCanvas::Face;
using Kind = MarkdownBlock::Kind;

constexpr double kBodySize = 10.5;
constexpr double kCodeSize = 9;
constexpr double kIndentStep = 16;
constexpr double kCellPadding = 4;
/// More columns than this leave cells too narrow to read on A4.
constexpr size_t kMaxGridColumns = 12;

std::string roleLabel(const std::string& role) {
  std::string label = role;
  if (!label.empty())
    label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
  return label;
}

double headingSize(int level) {
  return level == 1 ? 15 : level == 2 ? 13 : 11.5;
}

/// A table too wide for a grid: a line per row, cells between " | ".
void wideTable(PdfCanvas& canvas, const MarkdownBlock& block) {
  for (size_t r = 0; r < block.rows.size(); ++r) {
    std::string line;
    for (const std::string& cell : block.rows[r]) line += (line.empty() ? "" : " | ") + cell;
    canvas.paragraph(toWinAnsi(line), r == 0 ? Face::Bold : Face::Regular, kBodySize);
  }
}

void table(PdfCanvas& canvas, const MarkdownBlock& block) {
  const size_t columns = std::max<size_t>(1, block.rows.front().size());
  if (columns > kMaxGridColumns) return wideTable(canvas, block);
  const double columnWidth = canvas.width() / static_cast<double>(columns);
  const double lineHeight = PdfCanvas::lineHeight(kBodySize);
  const double right = canvas.left() + canvas.width();
  const auto bands = [&](double height) {
    for (size_t c = 0; c <= columns; ++c)
      canvas.verticalLine(canvas.left() + columnWidth * static_cast<double>(c), height);
  };
  for (size_t r = 0; r < block.rows.size(); ++r) {
    const Face face = r == 0 ? Face::Bold : Face::Regular;
    std::vector<std::vector<std::string>> cells;
    size_t height = 1;
    for (const std::string& cell : block.rows[r]) {
      cells.push_back(
          canvas.wrap(toWinAnsi(cell), face, kBodySize, columnWidth - 2 * kCellPadding));
      height = std::max(height, cells.back().size());
    }
    canvas.ensureRoom(lineHeight + kCellPadding);
    canvas.horizontalLine(canvas.left(), right);
    bands(kCellPadding / 2);
    canvas.down(kCellPadding / 2);
    for (size_t line = 0; line < height; ++line) {
      if (canvas.ensureRoom(lineHeight)) canvas.horizontalLine(canvas.left(), right);
      bands(lineHeight);
      for (size_t c = 0; c < cells.size(); ++c)
        if (line < cells[c].size())
          canvas.textAt(canvas.left() + columnWidth * static_cast<double>(c) + kCellPadding,
                        cells[c][line], face, kBodySize);
      canvas.down(lineHeight);
    }
    bands(kCellPadding / 2);
    canvas.down(kCellPadding / 2);
  }
  canvas.horizontalLine(canvas.left(), right);
}

void layOut(PdfCanvas& canvas, const MarkdownBlock& block) {
  switch (block.kind) {
    case Kind::Heading:
      canvas.down(4);
      canvas.paragraph(toWinAnsi(block.text), Face::Bold, headingSize(block.level));
      break;
    case Kind::Paragraph:
      canvas.paragraph(toWinAnsi(block.text), Face::Regular, kBodySize);
      break;
    case Kind::ListItem: {
      const double indent = kIndentStep * (block.level + 1);
      canvas.ensureRoom(PdfCanvas::lineHeight(kBodySize));
      canvas.textAt(canvas.left() + indent - 12, toWinAnsi(block.marker), Face::Regular, kBodySize);
      canvas.paragraph(toWinAnsi(block.text), Face::Regular, kBodySize, indent + 4);
      return;  // list items sit close together
    }
    case Kind::Code:
      for (const std::string& source : block.lines)
        for (const std::string& line : canvas.wrap(toWinAnsi(source), Face::Mono, kCodeSize,
                                                   canvas.width() - 2 * kCellPadding)) {
          canvas.ensureRoom(PdfCanvas::lineHeight(kCodeSize));
          canvas.shadeLine(canvas.left(), kCodeSize);
          canvas.textAt(canvas.left() + kCellPadding, line, Face::Mono, kCodeSize);
          canvas.down(PdfCanvas::lineHeight(kCodeSize));
        }
      break;
    case Kind::Table:
      table(canvas, block);
      break;
    case Kind::Rule:
      canvas.ensureRoom(8);
      canvas.down(4);
      canvas.horizontalLine(canvas.left(), canvas.left() + canvas.width());
      break;
  }
  canvas.down(5);
}

}  // namespace

std::string renderPdf(const ExportDocument& document) {
  PdfCanvas canvas;
  canvas.paragraph(toWinAnsi(document.title), Face::Bold, 18);
  canvas.down(8);
  for (const ExportMessage& message : document.messages) {
    canvas.ensureRoom(3 * PdfCanvas::lineHeight(kBodySize));
    canvas.down(6);
    canvas.paragraph(roleLabel(message.role), Face::Bold, 12);
    canvas.down(2);
    for (const MarkdownBlock& block : parseMarkdown(message.text)) layOut(canvas, block);
  }
  return canvas.save(toWinAnsi(document.title));
}

}  // namespace manifold::exporting
