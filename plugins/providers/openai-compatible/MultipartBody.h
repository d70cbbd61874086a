// A multipart/form-data body for an upstream request (OpenAI's
// /audio/transcriptions takes the audio this way).
#pragma once

#include <string>
#include <string_view>

namespace openai_compatible {

class MultipartBody {
 public:
  /// `boundary` must not occur in any part; the caller picks one from the
  /// content (see boundaryFor).
  explicit MultipartBody(std::string boundary) : boundary_(std::move(boundary)) {}

  void field(std::string_view name, std::string_view value);
  void file(std::string_view name, std::string_view filename, std::string_view contentType,
            std::string_view bytes);
  /// The body, closed with the final boundary.
  std::string finish();
  std::string contentType() const { return "multipart/form-data; boundary=" + boundary_; }

  /// A boundary that does not occur in `content`.
  static std::string boundaryFor(std::string_view content);

 private:
  std::string boundary_;
  std::string body_;
};

}  // namespace openai_compatible
