#include "llm/fake_provider.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/json/parse.hpp>
#include <chrono>
#include <stdexcept>

#include "http/http_client.hpp"

namespace notecoder::testing {

FakeProvider::FakeProvider(std::vector<std::string> args) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> argv_s = {"/usr/bin/python3", NOTECODER_FAKE_LLM, "--port", "0"};
  argv_s.insert(argv_s.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_s) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ == 0) {
    // Dies with the test: a crashed or killed test must not leave a fake holding ctest's pipes.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::dup2(fds[1], 1);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  // "listening <port>\n" within 10 s, read with poll so a broken script cannot hang the test.
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
  if (line.rfind("listening ", 0) == 0) port_ = std::atoi(line.c_str() + 10);
  if (port_ <= 0) throw std::runtime_error("the fake provider did not start");
}

FakeProvider::~FakeProvider() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
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
