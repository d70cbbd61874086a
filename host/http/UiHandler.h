#pragma once

#include <Poco/Net/HTTPRequestHandler.h>

#include <string>

namespace manifold::http {

/// GET /ui and /ui/<file>: the dashboard's static files, compiled into the
/// binary. They hold code only, no data, so they are served to anyone; the
/// data they show comes from the admin endpoints, which need the master key
/// or the dashboard token (README, "Dashboard"). Every answer carries a
/// strict Content-Security-Policy and an ETag.
class UiHandler : public Poco::Net::HTTPRequestHandler {
 public:
  /// `file`: the name under /ui/, "" for the page itself.
  explicit UiHandler(std::string file) : file_(std::move(file)) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override;

 private:
  std::string file_;
};

}  // namespace manifold::http
