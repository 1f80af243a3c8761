#include "http/fault_proxy.hpp"

#include <boost/json/parse.hpp>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "http/http_client.hpp"

namespace notecoder::testing {

FaultProxy::FaultProxy(int upstream_port)
    : process_({"/usr/bin/python3", NOTECODER_FAULT_PROXY, "--upstream",
                "127.0.0.1:" + std::to_string(upstream_port), "--port", "0"}) {
  // The proxy announces "listening <port> control <port>\n".
  if (std::sscanf(process_.first_line().c_str(), "listening %d control %d", &port_,
                  &control_port_) != 2 ||
      port_ <= 0 || control_port_ <= 0) {
    throw std::runtime_error("the fault proxy did not start");
  }
}

void FaultProxy::Control(const std::string& json) {
  const auto r =
      Request(control_port_, "POST", "/control", json, {{"content-type", "application/json"}});
  if (r.status != 200) throw std::runtime_error("fault proxy control failed: " + r.body);
}

boost::json::object FaultProxy::Stats() {
  const auto r = Get(control_port_, "/stats");
  return boost::json::parse(r.body).as_object();
}

}  // namespace notecoder::testing
