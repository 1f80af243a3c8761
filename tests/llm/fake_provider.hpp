#pragma once
// Starts tools/fake_llm/fake_llm.py on a free loopback port for one test and stops it after.
#include <boost/json/object.hpp>
#include <string>
#include <vector>

#include "support/loopback_helper.hpp"

namespace notecoder::testing {

class FakeProvider {
 public:
  explicit FakeProvider(std::vector<std::string> args = {});
  FakeProvider(const FakeProvider&) = delete;
  FakeProvider& operator=(const FakeProvider&) = delete;

  int port() const { return port_; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  // POST /control with a JSON object of knobs (see the script's docstring).
  void Control(const std::string& json);
  boost::json::object Stats();

 private:
  LoopbackHelper process_;
  int port_ = 0;
};

}  // namespace notecoder::testing
