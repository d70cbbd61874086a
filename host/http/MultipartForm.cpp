#include "http/MultipartForm.h"

#include <Poco/Logger.h>
#include <Poco/Net/MediaType.h>
#include <Poco/Net/MessageHeader.h>
#include <Poco/Net/MultipartReader.h>
#include <Poco/Net/NameValueCollection.h>

#include <streambuf>

#include "http/ConnectionGuard.h"
#include "http/HttpReplies.h"

namespace manifold::http {
namespace {

constexpr std::streamsize kMaxEpilogue = 4096;

/// Passes at most `cap` bytes of `source` through; past that it reports end
/// of stream and remembers that the cap was hit, so a parser reading the
/// capped stream stops without the rest ever being read.
class CappedStreamBuf : public std::streambuf {
 public:
  CappedStreamBuf(std::istream& source, int64_t cap) : source_(source), cap_(cap) {}
  bool exceeded() const { return exceeded_; }
  /// The source ended and every byte of it was consumed.
  bool drained() const { return sourceEnded_ && gptr() == egptr(); }

 protected:
  int_type underflow() override {
    if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
    if (exceeded_ || sourceEnded_) return traits_type::eof();
    // Asks for one byte past the cap, so an over-cap body is told apart from
    // one that is exactly the cap.
    const int64_t room = cap_ - passed_ + 1;
    const auto want = static_cast<std::streamsize>(std::min<int64_t>(sizeof(buffer_), room));
    source_.read(buffer_, want);
    const std::streamsize got = source_.gcount();
    if (got < want) sourceEnded_ = true;
    passed_ += got;
    std::streamsize usable = got;
    if (passed_ > cap_) {
      exceeded_ = true;
      usable -= static_cast<std::streamsize>(passed_ - cap_);
    }
    if (usable <= 0) return traits_type::eof();
    setg(buffer_, buffer_, buffer_ + usable);
    return traits_type::to_int_type(*gptr());
  }

 private:
  std::istream& source_;
  const int64_t cap_;
  int64_t passed_ = 0;
  bool exceeded_ = false;
  bool sourceEnded_ = false;
  char buffer_[4096];
};

std::optional<MultipartForm> refuse(MultipartProblem& problem, int status, std::string message,
                                    std::string code) {
  problem.status = status;
  problem.message = std::move(message);
  problem.code = std::move(code);
  return std::nullopt;
}

std::optional<MultipartForm> cutShort(MultipartProblem& problem) {
  return refuse(problem, 400, "multipart body ends before its closing boundary",
                "invalid_multipart");
}

std::optional<std::string> boundaryOf(const std::string& contentType, std::string& why) {
  try {
    const Poco::Net::MediaType type(contentType);
    if (!type.matches("multipart", "form-data")) {
      why = "Content-Type must be multipart/form-data, not '" + contentType + "'";
      return std::nullopt;
    }
    if (!type.hasParameter("boundary") || type.getParameter("boundary").empty()) {
      why = "multipart/form-data Content-Type has no boundary parameter";
      return std::nullopt;
    }
    const std::string boundary = type.getParameter("boundary");
    if (boundary.size() > 70) {  // RFC 2046 section 5.1.1
      why = "multipart boundary is longer than 70 characters";
      return std::nullopt;
    }
    return boundary;
  } catch (const Poco::Exception& e) {
    why = "Content-Type cannot be parsed: " + e.displayText();
    return std::nullopt;
  }
}

}  // namespace

std::optional<MultipartForm> MultipartForm::parse(std::istream& in, const std::string& contentType,
                                                  const MultipartLimits& limits,
                                                  MultipartProblem& problem) {
  std::string why;
  const std::optional<std::string> boundary = boundaryOf(contentType, why);
  if (!boundary) return refuse(problem, 400, why, "invalid_multipart");

  const std::string tooLarge =
      "multipart body exceeds the limit of " + std::to_string(limits.maxTotalBytes) + " bytes";
  CappedStreamBuf capped(in, limits.maxTotalBytes);
  std::istream body(&capped);
  Poco::Net::MultipartReader reader(body, *boundary);
  MultipartForm form;
  bool closed = false;  // the closing boundary was read
  try {
    while (reader.hasNextPart()) {
      Poco::Net::MessageHeader header;
      reader.nextPart(header);
      std::string disposition;
      Poco::Net::NameValueCollection params;
      Poco::Net::MessageHeader::splitParameters(header.get("Content-Disposition", ""), disposition,
                                                params);
      const std::string name = params.get("name", "");
      if (disposition != "form-data" || name.empty())
        return refuse(problem, 400, "a multipart part has no Content-Disposition: form-data; name",
                      "invalid_multipart");
      std::string bytes;
      std::istream& part = reader.stream();
      char chunk[4096];
      while (part) {
        part.read(chunk, sizeof(chunk));
        bytes.append(chunk, static_cast<size_t>(part.gcount()));
        if (static_cast<int64_t>(bytes.size()) > limits.maxPartBytes)
          return refuse(problem, 413,
                        "multipart part '" + name + "' exceeds the limit of " +
                            std::to_string(limits.maxPartBytes) + " bytes",
                        "part_too_large");
      }
      if (capped.exceeded()) return refuse(problem, 413, tooLarge, "body_too_large");
      // Poco's reader reads the stream buffer directly, so the stream's own
      // eof flag says nothing: ask the part whether it ended at the closing
      // boundary, and the buffer whether the body ran out.
      closed = static_cast<Poco::Net::MultipartInputStream&>(part).lastPart();
      if (!closed && capped.drained()) return cutShort(problem);
      const bool isFile =
          params.has("filename") ||
          (header.has("Content-Type") &&
           !Poco::Net::MediaType(header.get("Content-Type")).matches("text", "plain"));
      if (isFile)
        form.files_.push_back({name, params.get("filename", ""),
                               header.get("Content-Type", "application/octet-stream"),
                               std::move(bytes)});
      else
        form.fields_[name] = std::move(bytes);
    }
  } catch (const Poco::Exception& e) {
    if (capped.exceeded()) return refuse(problem, 413, tooLarge, "body_too_large");
    return refuse(problem, 400, "malformed multipart body: " + e.message(), "invalid_multipart");
  }
  if (capped.exceeded()) return refuse(problem, 413, tooLarge, "body_too_large");
  if (!closed) return cutShort(problem);
  return form;
}

const std::string* MultipartForm::field(const std::string& name) const {
  const auto it = fields_.find(name);
  return it == fields_.end() ? nullptr : &it->second;
}

const FormFile* MultipartForm::file(const std::string& name) const {
  for (const FormFile& f : files_)
    if (f.name == name) return &f;
  return nullptr;
}

std::optional<MultipartForm> readMultipartForm(Poco::Net::HTTPServerRequest& request,
                                               Poco::Net::HTTPServerResponse& response,
                                               const MultipartLimits& limits,
                                               std::chrono::milliseconds deadline) {
  MultipartProblem problem;
  std::optional<MultipartForm> form;
  if (request.hasContentLength() && request.getContentLength64() > limits.maxTotalBytes) {
    problem = {
        413, "request body exceeds the limit of " + std::to_string(limits.maxTotalBytes) + " bytes",
        "body_too_large"};
  } else {
    ConnectionGuard* guard = ConnectionGuard::current();
    if (guard) guard->expectBody(deadline);
    form = MultipartForm::parse(request.stream(), request.getContentType(), limits, problem);
    if (guard) {
      guard->bodyReceived();
      if (guard->expired()) return std::nullopt;  // the socket is shut: nobody to answer
    }
  }
  if (form) {
    // What follows the closing boundary (an epilogue, usually one CRLF) is
    // still in the body: read it, so the next request on this connection
    // starts where it should; a long one is not worth reading.
    std::istream& rest = request.stream();
    rest.ignore(kMaxEpilogue);
    if (!rest.eof()) response.setKeepAlive(false);
    return form;
  }
  Poco::Logger::get("http").warning("%s %s refused: %s", request.getMethod(), request.getURI(),
                                    problem.message);
  response.setKeepAlive(false);  // whatever is left of the body must not be read as a request
  sendError(response, static_cast<Poco::Net::HTTPResponse::HTTPStatus>(problem.status),
            problem.message, "", problem.code);
  return std::nullopt;
}

}  // namespace manifold::http
