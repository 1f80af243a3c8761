#include "llm/fake_provider.hpp"

#include <boost/json/parse.hpp>
#include <cstdlib>
#include <stdexcept>

#include "http/http_client.hpp"

namespace notecoder::testing {
namespace {

std::vector<std::string> FakeArgv(std::vector<std::string> args) {
  std::vector<std::string> argv = {"/usr/bin/python3", NOTECODER_FAKE_LLM, "--port", "0"};
  argv.insert(argv.end(), args.begin(), args.end());
  return argv;
}

}  // namespace

FakeProvider::FakeProvider(std::vector<std::string> args) : process_(FakeArgv(std::move(args))) {
  // The fake announces "listening <port>\n".
  const std::string& line = process_.first_line();
  if (line.rfind("listening ", 0) == 0) port_ = std::atoi(line.c_str() + 10);
  if (port_ <= 0) throw std::runtime_error("the fake provider did not start");
}

void FakeProvider::Control(const std::string& json) {
  const auto r = Request(port_, "POST", "/control", json, {{"content-type", "application/json"}});
  if (r.status != 200) throw std::runtime_error("control failed");
}

boost::json::object FakeProvider::Stats() {
  const auto r = Get(port_, "/stats");
  return boost::json::parse(r.body).as_object();
}

}  // namespace notecoder::testing
