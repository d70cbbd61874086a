#include "export/PdfCanvas.h"

#include <algorithm>
#include <cstdio>
#include <stdexcept>

namespace manifold::exporting {

PdfCanvas::PdfCanvas() {
  pdf_ = HPDF_New(&PdfCanvas::onError, this);
  if (!pdf_) throw std::runtime_error("libharu cannot create a PDF document (out of memory)");
  HPDF_SetCompressionMode(pdf_, HPDF_COMP_ALL);
  fonts_[0] = HPDF_GetFont(pdf_, "Helvetica", "WinAnsiEncoding");
  fonts_[1] = HPDF_GetFont(pdf_, "Helvetica-Bold", "WinAnsiEncoding");
  fonts_[2] = HPDF_GetFont(pdf_, "Courier", "WinAnsiEncoding");
  newPage();
}

PdfCanvas::~PdfCanvas() {
  HPDF_Free(pdf_);
}

void PdfCanvas::onError(HPDF_STATUS error, HPDF_STATUS detail, void* self) {
  auto* canvas = static_cast<PdfCanvas*>(self);
  // Reading the saved stream to its end reports EOF, which is no failure.
  if (error == HPDF_STREAM_EOF || canvas->error_ != HPDF_OK) return;  // the first is the cause
  canvas->error_ = error;
  canvas->errorDetail_ = detail;
}

HPDF_Font PdfCanvas::font(Face face) const {
  return fonts_[static_cast<int>(face)];
}

void PdfCanvas::newPage() {
  page_ = HPDF_AddPage(pdf_);
  HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
  pageWidth_ = HPDF_Page_GetWidth(page_);
  pageHeight_ = HPDF_Page_GetHeight(page_);
  y_ = pageHeight_ - kMargin;
}

bool PdfCanvas::ensureRoom(double height) {
  if (y_ - height >= kMargin) return false;
  newPage();
  return true;
}

void PdfCanvas::down(double points) {
  y_ -= points;
  if (y_ < kMargin) newPage();
}

std::vector<std::string> PdfCanvas::wrap(const std::string& text, Face face, double size,
                                         double width) const {
  std::vector<std::string> lines;
  std::string flat = text;
  std::replace(flat.begin(), flat.end(), '\n', ' ');
  size_t start = 0;  // an offset, not a copy of the rest: a 2 MiB paragraph stays linear
  do {
    const auto* bytes = reinterpret_cast<const HPDF_BYTE*>(flat.data() + start);
    // libharu refuses to measure more than 65535 bytes; no line holds 4096.
    const auto length = static_cast<HPDF_UINT>(std::min<size_t>(flat.size() - start, 4096));
    const auto measure = [&](HPDF_BOOL wordwrap) {
      HPDF_REAL used = 0;
      return HPDF_Font_MeasureText(font(face), bytes, length, static_cast<HPDF_REAL>(width),
                                   static_cast<HPDF_REAL>(size), 0, 0, wordwrap, &used);
    };
    HPDF_UINT fit = measure(HPDF_TRUE);
    if (fit == 0) fit = measure(HPDF_FALSE);  // one word wider than the line: cut inside it
    if (fit == 0) fit = 1;
    std::string line = flat.substr(start, fit);
    while (!line.empty() && line.back() == ' ') line.pop_back();
    lines.push_back(std::move(line));
    start = flat.find_first_not_of(' ', start + fit);
  } while (start != std::string::npos && start < flat.size());
  return lines;
}

void PdfCanvas::paragraph(const std::string& text, Face face, double size, double indent) {
  for (const std::string& line : wrap(text, face, size, width() - indent)) {
    ensureRoom(lineHeight(size));
    textAt(left() + indent, line, face, size);
    y_ -= lineHeight(size);
  }
}

void PdfCanvas::textAt(double x, const std::string& line, Face face, double size) {
  if (line.empty()) return;
  HPDF_Page_BeginText(page_);
  HPDF_Page_SetFontAndSize(page_, font(face), static_cast<HPDF_REAL>(size));
  HPDF_Page_TextOut(page_, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y_ - size),
                    line.c_str());
  HPDF_Page_EndText(page_);
}

void PdfCanvas::shadeLine(double x, double size) {
  HPDF_Page_SetGrayFill(page_, 0.93f);
  HPDF_Page_Rectangle(
      page_, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y_ - lineHeight(size)),
      static_cast<HPDF_REAL>(left() + width() - x), static_cast<HPDF_REAL>(lineHeight(size)));
  HPDF_Page_Fill(page_);
  HPDF_Page_SetGrayFill(page_, 0);
}

void PdfCanvas::horizontalLine(double x, double toX) {
  HPDF_Page_SetLineWidth(page_, 0.5f);
  HPDF_Page_MoveTo(page_, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y_));
  HPDF_Page_LineTo(page_, static_cast<HPDF_REAL>(toX), static_cast<HPDF_REAL>(y_));
  HPDF_Page_Stroke(page_);
}

void PdfCanvas::verticalLine(double x, double height) {
  HPDF_Page_SetLineWidth(page_, 0.5f);
  HPDF_Page_MoveTo(page_, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y_));
  HPDF_Page_LineTo(page_, static_cast<HPDF_REAL>(x), static_cast<HPDF_REAL>(y_ - height));
  HPDF_Page_Stroke(page_);
}

std::string PdfCanvas::save(const std::string& title) {
  // libharu refuses strings over 65535 bytes; a title needs far fewer.
  HPDF_SetInfoAttr(pdf_, HPDF_INFO_TITLE, title.substr(0, 1024).c_str());
  HPDF_SetInfoAttr(pdf_, HPDF_INFO_CREATOR, "Manifold");
  HPDF_SaveToStream(pdf_);
  std::string bytes(HPDF_GetStreamSize(pdf_), '\0');
  auto size = static_cast<HPDF_UINT32>(bytes.size());
  HPDF_ResetStream(pdf_);
  HPDF_ReadFromStream(pdf_, reinterpret_cast<HPDF_BYTE*>(bytes.data()), &size);
  if (error_ != HPDF_OK) {
    char text[96];
    std::snprintf(text, sizeof(text), "libharu error 0x%04X (detail %u)",
                  static_cast<unsigned>(error_), static_cast<unsigned>(errorDetail_));
    throw std::runtime_error(text);
  }
  bytes.resize(size);
  return bytes;
}

}  // namespace manifold::exporting
