// The PDF and XLSX renderers at their limits: wide tables, long cells, many
// tables, a huge title. Read back with pdftotext and the XLSX's own XML.
#include <gtest/gtest.h>

#include "export/PdfRenderer.h"
#include "export/XlsxRenderer.h"
#include "host/export/DocumentReaders.h"
#include "support/CommandOnPath.h"
#include "support/CommandOutput.h"
#include "support/TempDir.h"

namespace manifold::test {
namespace {

using exporting::ExportDocument;

std::string tableOf(int columns, const std::string& prefix) {
  std::string header = "|", delimiter = "|", row = "|";
  for (int c = 1; c <= columns; ++c) {
    header += " " + prefix + std::to_string(c) + " |";
    delimiter += "---|";
    row += " " + std::to_string(c) + " |";
  }
  return header + "\n" + delimiter + "\n" + row + "\n";
}

TEST(DocumentRenderersTest, PdfWritesATableTooWideForAGridAsRows) {
  if (!commandOnPath("pdftotext")) GTEST_SKIP() << "pdftotext (poppler-utils) is not installed";
  TempDir dir;
  const std::string pdf = exporting::renderPdf(
      ExportDocument{"Wide", {{"assistant", tableOf(13, "c") + "\n" + tableOf(2, "k")}}});
  const std::vector<std::string> lines = pdfTextLines(writeFile((dir / "wide.pdf").string(), pdf));
  EXPECT_EQ(lines, (std::vector<std::string>{
                       "Wide", "Assistant",
                       "c1 | c2 | c3 | c4 | c5 | c6 | c7 | c8 | c9 | c10 | c11 | c12 | c13",
                       "1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11 | 12 | 13", "k1 k2", "1 2"}));
}

TEST(DocumentRenderersTest, PdfTakesAHugeTitle) {
  if (!commandOnPath("pdfinfo")) GTEST_SKIP() << "pdfinfo (poppler-utils) is not installed";
  TempDir dir;
  const std::string title(70000, 'T');  // over the 65535 bytes libharu takes in one string
  const std::string pdf = exporting::renderPdf(ExportDocument{title, {{"user", "hi"}}});
  const std::string info = commandOutput("pdfinfo", {writeFile((dir / "t.pdf").string(), pdf)});
  const size_t start = info.find_first_not_of(' ', info.find("Title:") + 6);
  EXPECT_EQ(info.substr(start, info.find('\n', start) - start), std::string(1024, 'T'))
      << "the document information keeps the first 1024 bytes";
}

TEST(DocumentRenderersTest, XlsxCutsLongTextIntoWholeCharacters) {
  if (!commandOnPath("unzip")) GTEST_SKIP() << "unzip is not installed";
  TempDir dir;
  std::string text;
  for (int i = 0; i < 40000; ++i) text += "\xC3\xA9";  // é: two bytes, one character
  const std::string xlsx =
      exporting::renderXlsx(ExportDocument{"Long", {{"user", text}, {"assistant", "ok"}}});
  const SheetCells cells =
      readXlsxSheets(writeFile((dir / "long.xlsx").string(), xlsx)).at("Conversation");
  ASSERT_EQ(cells.size(), 4u);
  EXPECT_EQ(cells[1], (std::vector<std::string>{"user", text.substr(0, 2 * 32767)}));
  EXPECT_EQ(cells[2], (std::vector<std::string>{"user", text.substr(2 * 32767)}));
  EXPECT_EQ(cells[3], (std::vector<std::string>{"assistant", "ok"}));
}

TEST(DocumentRenderersTest, XlsxGivesAtMostAHundredTablesASheet) {
  if (!commandOnPath("unzip")) GTEST_SKIP() << "unzip is not installed";
  TempDir dir;
  std::string text;
  for (int t = 1; t <= 101; ++t) text += tableOf(1, "t" + std::to_string(t) + "-") + "\n";
  const std::map<std::string, SheetCells> sheets =
      readXlsxSheets(writeFile((dir / "many.xlsx").string(),
                               exporting::renderXlsx(ExportDocument{"Many", {{"user", text}}})));
  EXPECT_EQ(sheets.size(), 101u) << "Conversation and Table 1 to Table 100";
  EXPECT_EQ(sheets.at("Table 100"), (SheetCells{{"t100-1"}, {"1"}}));
  EXPECT_EQ(sheets.count("Table 101"), 0u);
}

}  // namespace
}  // namespace manifold::test
