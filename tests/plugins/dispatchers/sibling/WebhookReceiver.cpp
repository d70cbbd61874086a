#include "plugins/dispatchers/sibling/WebhookReceiver.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

namespace manifold::test {
namespace {

class Handler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit Handler(WebhookReceiver& receiver) : receiver_(receiver) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    Delivery d;
    Poco::StreamCopier::copyToString(request.stream(), d.body);
    d.id = request.get("webhook-id", "");
    d.timestamp = request.get("webhook-timestamp", "");
    d.signature = request.get("webhook-signature", "");
    receiver_.add(std::move(d));
    response.setStatus(Poco::Net::HTTPResponse::HTTP_NO_CONTENT);
    response.send();
  }

 private:
  WebhookReceiver& receiver_;
};

class Factory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit Factory(WebhookReceiver& receiver) : receiver_(receiver) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new Handler(receiver_);
  }

 private:
  WebhookReceiver& receiver_;
};

}  // namespace

WebhookReceiver::WebhookReceiver()
    : server_(std::make_unique<Poco::Net::HTTPServer>(
          new Factory(*this), Poco::Net::ServerSocket(Poco::Net::SocketAddress("127.0.0.1", 0)),
          new Poco::Net::HTTPServerParams)) {
  server_->start();
}

WebhookReceiver::~WebhookReceiver() {
  server_->stopAll(true);
}

std::string WebhookReceiver::url() const {
  return "http://127.0.0.1:" + std::to_string(server_->port()) + "/webhooks/sibling/rag";
}

void WebhookReceiver::add(Delivery delivery) {
  std::lock_guard<std::mutex> lock(mutex_);
  deliveries_.push_back(std::move(delivery));
  arrived_.notify_all();
}

std::vector<Delivery> WebhookReceiver::waitFor(size_t count, std::chrono::milliseconds limit) {
  std::unique_lock<std::mutex> lock(mutex_);
  arrived_.wait_for(lock, limit, [&] { return deliveries_.size() >= count; });
  return deliveries_;
}

}  // namespace manifold::test
