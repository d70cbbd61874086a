#pragma once

#include <map>
#include <string>
#include <vector>

namespace manifold::test {

/// A sheet's cells as text, row by row from A1 (a missing cell is "").
using SheetCells = std::vector<std::vector<std::string>>;

/// Every sheet of the XLSX file at `path`, by name, read back from the
/// workbook's own XML (unzip, then Poco's DOM parser): shared strings
/// resolved, inline strings read, numbers as their stored text.
std::map<std::string, SheetCells> readXlsxSheets(const std::string& path);

/// The workbook's title property (docProps/core.xml, dc:title).
std::string xlsxTitle(const std::string& path);

/// The text of the PDF at `path` as pdftotext -layout reads it, a line each,
/// whitespace runs as one space and blank lines dropped: what the text says,
/// whatever columns pdftotext chose.
std::vector<std::string> pdfTextLines(const std::string& path);

/// `bytes` written to `path`; returns `path`.
std::string writeFile(const std::string& path, const std::string& bytes);

}  // namespace manifold::test
