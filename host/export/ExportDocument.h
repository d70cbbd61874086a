#pragma once

#include <string>
#include <vector>

// `export` is a C++ keyword, so the folder's namespace is `exporting`.
namespace manifold::exporting {

/// One message as it goes into a document: who said it, and its text with
/// the reasoning removed (markdown still in it).
struct ExportMessage {
  std::string role;  ///< system, developer, user, assistant or tool
  std::string text;
};

/// What a PDF or XLSX export is made from.
struct ExportDocument {
  std::string title;
  std::vector<ExportMessage> messages;
};

}  // namespace manifold::exporting
