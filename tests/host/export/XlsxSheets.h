#pragma once

#include <map>
#include <string>
#include <vector>

namespace manifold::test {

/// A sheet's cells as text, row by row from A1 (a missing cell is "").
using SheetCells = std::vector<std::vector<std::string>>;

/// Every sheet of the XLSX file at `path`, by name, read back from the
/// workbook's own XML (unzip -p, then Poco's DOM parser): shared strings
/// resolved, inline strings read, numbers as their stored text.
std::map<std::string, SheetCells> readXlsxSheets(const std::string& path);

/// The workbook's title property (docProps/core.xml, dc:title).
std::string xlsxTitle(const std::string& path);

}  // namespace manifold::test
