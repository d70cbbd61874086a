#include "MultipartBody.h"

namespace openai_compatible {
namespace {

// Quotes go into a quoted-string: drop what would end it or the header line.
std::string quotedSafe(std::string_view text) {
  std::string out;
  for (char c : text)
    if (c != '"' && c != '\r' && c != '\n' && c != '\\') out.push_back(c);
  return out;
}

}  // namespace

void MultipartBody::field(std::string_view name, std::string_view value) {
  body_ += "--" + boundary_ + "\r\nContent-Disposition: form-data; name=\"" + quotedSafe(name) +
           "\"\r\n\r\n";
  body_.append(value);
  body_ += "\r\n";
}

void MultipartBody::file(std::string_view name, std::string_view filename,
                         std::string_view contentType, std::string_view bytes) {
  body_ += "--" + boundary_ + "\r\nContent-Disposition: form-data; name=\"" + quotedSafe(name) +
           "\"; filename=\"" + quotedSafe(filename) +
           "\"\r\nContent-Type: " + quotedSafe(contentType) + "\r\n\r\n";
  body_.append(bytes);
  body_ += "\r\n";
}

std::string MultipartBody::finish() {
  return body_ + "--" + boundary_ + "--\r\n";
}

std::string MultipartBody::boundaryFor(std::string_view content) {
  std::string boundary = "manifold-boundary-7f3a9c";
  for (int n = 0; content.find(boundary) != std::string_view::npos; ++n)
    boundary = "manifold-boundary-7f3a9c-" + std::to_string(n);
  return boundary;
}

}  // namespace openai_compatible
