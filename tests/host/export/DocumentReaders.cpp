#include "host/export/DocumentReaders.h"

#include <Poco/AutoPtr.h>
#include <Poco/DOM/DOMParser.h>
#include <Poco/DOM/Document.h>
#include <Poco/DOM/Element.h>
#include <Poco/DOM/NodeList.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "support/CommandOutput.h"
#include "support/TempDir.h"

namespace manifold::test {
namespace {

using Poco::XML::Element;

/// The workbook's parts, unzipped once into a folder of their own.
class Parts {
 public:
  explicit Parts(const std::string& path) {
    commandOutput("unzip", {"-q", path, "-d", dir_.str()});
  }
  bool has(const std::string& part) const { return std::filesystem::exists(dir_ / part); }
  Poco::AutoPtr<Poco::XML::Document> xml(const std::string& part) const {
    std::ifstream in(dir_ / part, std::ios::binary);
    std::stringstream text;
    text << in.rdbuf();
    Poco::XML::DOMParser parser;
    return parser.parseString(text.str());
  }

 private:
  TempDir dir_;
};

std::vector<Element*> elements(Poco::XML::Node* root, const std::string& localName) {
  std::vector<Element*> found;
  Poco::AutoPtr<Poco::XML::NodeList> list =
      static_cast<Element*>(root)->getElementsByTagNameNS("*", localName);
  for (unsigned long i = 0; i < list->length(); ++i)
    found.push_back(static_cast<Element*>(list->item(i)));
  return found;
}

/// All the text of an element's <t> descendants (a rich string has several).
std::string textOf(Element* element) {
  std::string text;
  for (Element* t : elements(element, "t")) text += t->innerText();
  return text;
}

size_t columnOf(const std::string& reference) {
  size_t column = 0;
  for (char c : reference) {
    if (c < 'A' || c > 'Z') break;
    column = column * 26 + static_cast<size_t>(c - 'A' + 1);
  }
  return column - 1;
}

}  // namespace

std::map<std::string, SheetCells> readXlsxSheets(const std::string& path) {
  const Parts parts(path);
  std::vector<std::string> shared;
  if (parts.has("xl/sharedStrings.xml")) {
    Poco::AutoPtr<Poco::XML::Document> strings = parts.xml("xl/sharedStrings.xml");
    for (Element* si : elements(strings->documentElement(), "si")) shared.push_back(textOf(si));
  }
  std::map<std::string, std::string> targets;  // relationship id -> part
  Poco::AutoPtr<Poco::XML::Document> rels = parts.xml("xl/_rels/workbook.xml.rels");
  for (Element* rel : elements(rels->documentElement(), "Relationship"))
    targets[rel->getAttribute("Id")] = "xl/" + rel->getAttribute("Target");

  std::map<std::string, SheetCells> sheets;
  Poco::AutoPtr<Poco::XML::Document> book = parts.xml("xl/workbook.xml");
  for (Element* sheet : elements(book->documentElement(), "sheet")) {
    const std::string id = sheet->getAttributeNS(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships", "id");
    SheetCells& cells = sheets[sheet->getAttribute("name")];
    Poco::AutoPtr<Poco::XML::Document> xml = parts.xml(targets[id]);
    for (Element* row : elements(xml->documentElement(), "row")) {
      const size_t r = std::stoul(row->getAttribute("r")) - 1;
      if (cells.size() <= r) cells.resize(r + 1);
      for (Element* c : elements(row, "c")) {
        const size_t column = columnOf(c->getAttribute("r"));
        if (cells[r].size() <= column) cells[r].resize(column + 1);
        const std::string type = c->getAttribute("t");
        Element* v = c->getChildElement("v");
        if (type == "s")
          cells[r][column] = shared.at(std::stoul(v->innerText()));
        else if (type == "inlineStr")
          cells[r][column] = textOf(c);
        else if (v)
          cells[r][column] = v->innerText();
      }
    }
  }
  return sheets;
}

std::string xlsxTitle(const std::string& path) {
  Poco::AutoPtr<Poco::XML::Document> core = Parts(path).xml("docProps/core.xml");
  const std::vector<Element*> titles = elements(core->documentElement(), "title");
  return titles.empty() ? "" : titles.front()->innerText();
}

std::vector<std::string> pdfTextLines(const std::string& path) {
  std::vector<std::string> lines;
  std::istringstream in(commandOutput("pdftotext", {"-layout", "-enc", "UTF-8", path, "-"}));
  for (std::string line; std::getline(in, line);) {
    std::istringstream words(line);
    std::string out, word;
    while (words >> word) out += (out.empty() ? "" : " ") + word;
    if (!out.empty()) lines.push_back(out);
  }
  return lines;
}

std::string writeFile(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

}  // namespace manifold::test
