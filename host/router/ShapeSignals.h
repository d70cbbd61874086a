#pragma once

#include <cstdint>

#include "router/NormalizedText.h"

namespace manifold::router {

/// What the shape of a message says, beyond its vocabulary: counts the router
/// weighs. Computed in one pass over the words, reading the raw bytes around
/// them; no allocation.
struct ShapeSignals {
  uint16_t codeFences = 0;      ///< ``` markers
  uint16_t stackFrames = 0;     ///< "file.py:12", "(Main.java:8)", 'File "x.py", line 3'
  uint16_t stackLines = 0;      ///< lines starting with "at "
  uint16_t errorNames = 0;      ///< CamelCase words ending in Error or Exception
  uint16_t identifiers = 0;     ///< camelCase words: useState, getName
  uint16_t codeSyntax = 0;      ///< ; { } at line ends, == => -> && ::, calls, snake_case
  uint16_t inlineCode = 0;      ///< `backticked` spans
  uint16_t sourceFiles = 0;     ///< "app.py", "ProductList.jsx"
  uint16_t mathTerms = 0;       ///< 3x^2, a + b = c, 17%, √, ², ∫
  uint16_t numbers = 0;         ///< words that are numbers
  bool asksQuantity = false;    ///< "how many", "how long", "in total", "minimum" ...
  uint16_t imageLinks = 0;      ///< a URL to a .png, .jpg, ...
  uint16_t trackingIds = 0;     ///< container numbers, UPS 1Z numbers
  bool startsWithEdit = false;  ///< "remove ...", "can you make ..." (an image edit, with an image)
  bool asksForText = false;     ///< names a text format: html, csv, markdown, table, code ...
  bool asksToMake = false;      ///< has a verb of making: write, build, implement, create ...
};

ShapeSignals readShape(const NormalizedText& text);

}  // namespace manifold::router
