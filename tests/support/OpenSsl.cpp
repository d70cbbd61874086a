#include "support/OpenSsl.h"

#include "support/CommandOutput.h"

#include <fstream>
#include <iterator>
#include <sstream>

namespace manifold::test {

std::string openssl(const std::vector<std::string>& args, const std::string& input) {
  return commandOutput("openssl", args, input);
}

void makeRsaKeyPair(const std::string& keyPath) {
  openssl({"genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", keyPath});
  openssl({"pkey", "-in", keyPath, "-pubout", "-out", keyPath + ".pub"});
}

std::string readTextFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace manifold::test
