#include "app/GatewayApplication.h"

int main(int argc, char** argv) {
  manifold::app::GatewayApplication app;
  return app.run(argc, argv);
}
