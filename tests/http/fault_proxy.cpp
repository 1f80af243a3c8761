#include "http/fault_proxy.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <cstdio>
#include <stdexcept>
#include <vector>

#include "http/http_client.hpp"

namespace notecoder::testing {

FaultProxy::FaultProxy(int upstream_port) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> argv_s = {
      "/usr/bin/python3", NOTECODER_FAULT_PROXY,
      "--upstream",       "127.0.0.1:" + std::to_string(upstream_port),
      "--port",           "0"};
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ == 0) {
    // Dies with the test: a crashed test must not leave a proxy holding ctest's pipes.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::dup2(fds[1], 1);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  // "listening <port> control <port>\n" within 10 s, read with poll (a broken script cannot hang).
  std::string line;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (line.find('\n') == std::string::npos && std::chrono::steady_clock::now() < deadline) {
    pollfd p{fds[0], POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char buf[128];
    const auto n = ::read(fds[0], buf, sizeof buf);
    if (n <= 0) break;
    line.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
  if (std::sscanf(line.c_str(), "listening %d control %d", &port_, &control_port_) != 2 ||
      port_ <= 0 || control_port_ <= 0) {
    throw std::runtime_error("the fault proxy did not start");
  }
}

FaultProxy::~FaultProxy() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
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
