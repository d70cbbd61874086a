#pragma once

#include <string>

#include "export/ExportDocument.h"

namespace manifold::exporting {

/// The document as an XLSX workbook (libxlsxwriter):
/// - sheet "Conversation": a bold header row (Role, Content), then a row per
///   message, its text with reasoning removed and its markdown as written. A
///   text longer than a cell holds (32767 characters) goes on over the next
///   rows, the role repeated;
/// - sheet "Table N" for the Nth markdown table of the conversation, in
///   order: its header row in bold, then its cells as plain text, except that
///   a cell that is a plain decimal number ("42", "-3.5"; no leading zeros,
///   no exponent) is written as a number. At most 100 tables get a sheet, and
///   cells past Excel's 1048576 rows or 16384 columns are left out (the
///   Conversation sheet has every table as written).
/// The title is the workbook's title property. Every Unicode character is kept.
/// libxlsxwriter writes only to files: the workbook is made in a temporary
/// file, read back and removed. Throws std::runtime_error on failure.
std::string renderXlsx(const ExportDocument& document);

}  // namespace manifold::exporting
