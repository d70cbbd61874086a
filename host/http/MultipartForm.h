#pragma once

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

#include <chrono>
#include <cstdint>
#include <istream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace manifold::http {

/// One uploaded file of a multipart/form-data body.
struct FormFile {
  std::string name;         // the form field's name
  std::string filename;     // as the client named it; may be empty
  std::string contentType;  // the part's Content-Type, "application/octet-stream" when absent
  std::string bytes;
};

struct MultipartLimits {
  int64_t maxTotalBytes;  // the whole body, boundaries and part headers included
  int64_t maxPartBytes;   // one part's content
};

/// Why a body was refused: 400 (malformed) or 413 (over a cap).
struct MultipartProblem {
  int status = 400;
  std::string message;
  std::string code;
};

/// A parsed multipart/form-data body: text fields by name (the last one wins)
/// and files in the order they came. A part with a filename, or with a
/// Content-Type other than text/plain, is a file.
class MultipartForm {
 public:
  /// Parses `in` with the boundary named in `contentType`. Stops reading as
  /// soon as a cap is passed, so an oversized body is never held in memory.
  static std::optional<MultipartForm> parse(std::istream& in, const std::string& contentType,
                                            const MultipartLimits& limits,
                                            MultipartProblem& problem);

  const std::string* field(const std::string& name) const;
  const FormFile* file(const std::string& name) const;
  const std::map<std::string, std::string>& fields() const { return fields_; }
  const std::vector<FormFile>& files() const { return files_; }

 private:
  std::map<std::string, std::string> fields_;
  std::vector<FormFile> files_;
};

/// Reads the request's multipart body under the limits. On refusal the error
/// reply (400 or 413, OpenAI shape) is sent, the cause logged, and nullopt
/// returned; a refused body is not drained, so the connection is closed.
std::optional<MultipartForm> readMultipartForm(
    Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
    const MultipartLimits& limits, std::chrono::milliseconds deadline = std::chrono::seconds(120));

}  // namespace manifold::http
