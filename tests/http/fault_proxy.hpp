#pragma once
// Starts tools/fault_proxy/fault_proxy.py in front of a loopback port for one test and drives its
// faults (stall, reset, partial replies, delay; see the script's docstring).
#include <boost/json/object.hpp>
#include <string>

#include "support/loopback_helper.hpp"

namespace notecoder::testing {

class FaultProxy {
 public:
  explicit FaultProxy(int upstream_port);
  FaultProxy(const FaultProxy&) = delete;
  FaultProxy& operator=(const FaultProxy&) = delete;

  int port() const { return port_; }
  // POST /control with a JSON object ({"mode": ...} or {"schedule": [...]}).
  void Control(const std::string& json);
  boost::json::object Stats();

 private:
  LoopbackHelper process_;
  int port_ = 0;
  int control_port_ = 0;
};

}  // namespace notecoder::testing
