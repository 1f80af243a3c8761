#include "support/loopback_helper.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <stdexcept>

namespace notecoder::testing {

LoopbackHelper::LoopbackHelper(std::vector<std::string> argv) {
  int fds[2];
  if (::pipe(fds) != 0) throw std::runtime_error("pipe failed");
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  pid_ = ::fork();
  if (pid_ == 0) {
    // Dies with the test: a crashed or killed test must not leave a helper holding ctest's pipes.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::dup2(fds[1], 1);
    ::close(fds[0]);
    ::close(fds[1]);
    ::execv(args[0], args.data());
    ::_exit(127);
  }
  ::close(fds[1]);
  // Read with poll so a broken script cannot hang the test.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (first_line_.find('\n') == std::string::npos &&
         std::chrono::steady_clock::now() < deadline) {
    pollfd p{fds[0], POLLIN, 0};
    if (::poll(&p, 1, 100) <= 0) continue;
    char buf[128];
    const auto n = ::read(fds[0], buf, sizeof buf);
    if (n <= 0) break;
    first_line_.append(buf, static_cast<std::size_t>(n));
  }
  ::close(fds[0]);
}

LoopbackHelper::~LoopbackHelper() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
}

}  // namespace notecoder::testing
