#pragma once

#include <string>

#include "export/ExportDocument.h"

namespace manifold::exporting {

/// The document as a PDF (libharu): the title, then each message under its
/// role's name ("User", "Assistant" ...) with its markdown laid out:
/// headings in bold by level, paragraphs wrapped, list items with their
/// bullet or number and nesting, code blocks in Courier on grey, tables as
/// ruled grids (header row bold; a table of more than 12 columns as a line
/// per row, cells between " | "), thematic breaks as lines. Pages are added
/// as the text needs them.
///
/// Unicode: the standard fonts cover WinAnsiEncoding only (ASCII, Latin-1 and
/// the Windows-1252 extras); any other character is written as "?" (see
/// WinAnsiText.h). The XLSX export keeps every character.
/// Throws std::runtime_error when libharu fails.
std::string renderPdf(const ExportDocument& document);

}  // namespace manifold::exporting
