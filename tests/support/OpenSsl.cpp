#include "support/OpenSsl.h"

#include <gtest/gtest.h>

#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>

#include <fstream>
#include <iterator>
#include <sstream>

namespace manifold::test {

std::string openssl(const std::vector<std::string>& args, const std::string& input) {
  Poco::Pipe in, out;
  Poco::ProcessHandle process = Poco::Process::launch("openssl", args, &in, &out, nullptr);
  Poco::PipeOutputStream toChild(in);
  toChild << input;
  toChild.close();
  Poco::PipeInputStream fromChild(out);
  std::string output((std::istreambuf_iterator<char>(fromChild)), std::istreambuf_iterator<char>());
  EXPECT_EQ(process.wait(), 0) << "openssl " << args.front() << " failed";
  return output;
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
