// A minimal translator provider for host tests: it lets the host's upstream
// path (build, send, stream-feed, classify) run against a loopback fake.
// Upstream "protocol": POST {base_url}; a stream of "data: <text>\n" lines
// ended by "data: [DONE]"; errors carry Retry-After in seconds.
// Media (ABI 1.3): image.generate only, POSTed as it is to {base_url} with
// the key as a bearer token; the answer must be a result with "images"; a
// 400 whose body says content_policy_violation is a refusal.
#include <manifold/plugin.hpp>

#include <cstdlib>
#include <string>

namespace {

class LineParser : public manifold::StreamParser {
 public:
  explicit LineParser(manifold::EventSink sink) : sink_(sink) {}
  void feed(std::string_view bytes) override {
    pending_.append(bytes);
    for (size_t end; (end = pending_.find('\n')) != std::string::npos; pending_.erase(0, end + 1)) {
      const std::string line = pending_.substr(0, end);
      if (line == "data: [DONE]")
        sink_.finish(MF_FINISH_STOP);
      else if (line.rfind("data: ", 0) == 0)
        sink_.text(line.substr(6));
    }
  }
  void finish() override {}

 private:
  manifold::EventSink sink_;
  std::string pending_;
};

class TranslatorProbe : public manifold::TranslatorProvider {
 public:
  TranslatorProbe(manifold::Host, std::string_view) {}

  void buildRequest(const manifold::Engine& engine, std::string_view request,
                    manifold::RequestBuilder& out) override {
    out.method("POST");
    out.url(engine.baseUrl);
    out.header("Content-Type", "application/json");
    out.body(request);
  }
  std::unique_ptr<manifold::StreamParser> openStream(const manifold::Engine&,
                                                     manifold::EventSink sink) override {
    return std::make_unique<LineParser>(sink);
  }
  void parseResponse(const manifold::Engine&, std::string_view body,
                     manifold::EventSink& sink) override {
    sink.text(body);
    sink.finish(MF_FINISH_STOP);
  }
  manifold::Error classifyError(int32_t status, const std::vector<manifold::HeaderView>& headers,
                                std::string_view body) override {
    int64_t retryAfterMs = -1;
    for (const auto& h : headers)
      if (h.name == "Retry-After") retryAfterMs = std::atoll(std::string(h.value).c_str()) * 1000;
    if (status == 400 && body.find("content_policy_violation") != std::string_view::npos)
      return manifold::Error(MF_ERR_CONTENT_FILTER, std::string(body), false, status);
    return manifold::classifyStatus(status, std::string(body), retryAfterMs);
  }

  bool buildMediaRequest(const manifold::Engine& engine, std::string_view operation,
                         std::string_view request, manifold::RequestBuilder& out) override {
    if (operation != MF_MEDIA_IMAGE_GENERATE) return false;
    out.method("POST");
    out.url(engine.baseUrl);
    out.header("Content-Type", "application/json");
    if (!engine.apiKey.empty()) out.header("Authorization", "Bearer " + std::string(engine.apiKey));
    out.body(request);
    return true;
  }
  std::string parseMediaResponse(const manifold::Engine&, std::string_view,
                                 const std::vector<manifold::HeaderView>&,
                                 std::string_view body) override {
    if (body.find("\"images\"") == std::string_view::npos)
      throw manifold::Error(MF_ERR_INTERNAL, "no image in the answer");
    return std::string(body);
  }
};

}  // namespace

MANIFOLD_PLUGIN("test.translator-probe", "0.0.1", "translator for host tests", TranslatorProbe)
