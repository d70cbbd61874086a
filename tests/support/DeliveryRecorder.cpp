#include "support/DeliveryRecorder.h"

#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>
#include <Poco/String.h>

namespace manifold::test {
namespace {

class RecordHandler : public Poco::Net::HTTPRequestHandler {
 public:
  explicit RecordHandler(DeliveryRecorder& recorder) : recorder_(recorder) {}
  void handleRequest(Poco::Net::HTTPServerRequest& request,
                     Poco::Net::HTTPServerResponse& response) override {
    DeliveryRecorder::Delivery delivery;
    delivery.path = request.getURI();
    for (const auto& [name, value] : request) delivery.headers[Poco::toLower(name)] = value;
    Poco::StreamCopier::copyToString(request.stream(), delivery.body);
    recorder_.record(std::move(delivery));
    response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
    response.setContentLength(0);
    response.send();
  }

 private:
  DeliveryRecorder& recorder_;
};

class RecordFactory : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  explicit RecordFactory(DeliveryRecorder& recorder) : recorder_(recorder) {}
  Poco::Net::HTTPRequestHandler* createRequestHandler(
      const Poco::Net::HTTPServerRequest&) override {
    return new RecordHandler(recorder_);
  }

 private:
  DeliveryRecorder& recorder_;
};

}  // namespace

DeliveryRecorder::DeliveryRecorder() {
  Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", 0));
  server_ = std::make_unique<Poco::Net::HTTPServer>(new RecordFactory(*this), socket,
                                                    new Poco::Net::HTTPServerParams);
  server_->start();
}

DeliveryRecorder::~DeliveryRecorder() {
  server_->stopAll(true);
}

uint16_t DeliveryRecorder::port() const {
  return server_->port();
}

void DeliveryRecorder::record(Delivery delivery) {
  std::lock_guard<std::mutex> lock(mutex_);
  deliveries_.push_back(std::move(delivery));
  arrived_.notify_all();
}

std::vector<DeliveryRecorder::Delivery> DeliveryRecorder::waitFor(size_t count,
                                                                  std::chrono::milliseconds limit) {
  std::unique_lock<std::mutex> lock(mutex_);
  arrived_.wait_for(lock, limit, [&] { return deliveries_.size() >= count; });
  return deliveries_;
}

}  // namespace manifold::test
