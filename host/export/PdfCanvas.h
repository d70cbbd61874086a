#pragma once

#include <hpdf.h>

#include <string>
#include <vector>

namespace manifold::exporting {

/// A libharu document written top to bottom: A4 pages, 56-point margins, a
/// cursor that moves down and starts a new page when the next thing does not
/// fit. Text is in WinAnsiEncoding bytes (see WinAnsiText.h), the encoding of
/// the three standard fonts used: Helvetica, Helvetica-Bold and Courier.
/// libharu's errors are collected, never thrown through its C code: save()
/// throws std::runtime_error naming the first one.
class PdfCanvas {
 public:
  enum class Face { Regular, Bold, Mono };

  PdfCanvas();
  ~PdfCanvas();
  PdfCanvas(const PdfCanvas&) = delete;
  PdfCanvas& operator=(const PdfCanvas&) = delete;

  double left() const { return kMargin; }
  double width() const { return pageWidth_ - 2 * kMargin; }

  /// `text` split into lines that fit `width` at this face and size: at
  /// spaces where it can, inside a word too long for a line ('\n' counts as
  /// a space: callers split lines that must stay lines).
  std::vector<std::string> wrap(const std::string& text, Face face, double size,
                                double width) const;
  /// Wrapped text from x = left() + indent to the right margin.
  void paragraph(const std::string& text, Face face, double size, double indent = 0);
  /// One line at x on the current line band (its height: lineHeight(size)),
  /// without moving the cursor.
  void textAt(double x, const std::string& line, Face face, double size);
  /// A grey band behind the next line, from x to the right margin.
  void shadeLine(double x, double size);
  /// A horizontal line across the text width at the cursor.
  void horizontalLine(double x, double toX);
  /// A vertical line at x from the cursor down by `height`.
  void verticalLine(double x, double height);

  static double lineHeight(double size) { return size * 1.35; }
  /// Starts a new page unless `height` points fit above the bottom margin;
  /// true when it started one.
  bool ensureRoom(double height);
  /// Moves the cursor down (never past the bottom margin: a new page instead).
  void down(double points);

  /// The finished PDF, with `title` in its document information.
  std::string save(const std::string& title);

 private:
  static constexpr double kMargin = 56;
  static void onError(HPDF_STATUS error, HPDF_STATUS detail, void* self);
  void newPage();
  HPDF_Font font(Face face) const;

  HPDF_Doc pdf_ = nullptr;
  HPDF_Page page_ = nullptr;
  HPDF_Font fonts_[3] = {nullptr, nullptr, nullptr};
  double pageWidth_ = 0;
  double pageHeight_ = 0;
  double y_ = 0;  ///< the top of the next line, from the page's bottom
  HPDF_STATUS error_ = HPDF_OK;
  HPDF_STATUS errorDetail_ = HPDF_OK;
};

}  // namespace manifold::exporting
