#pragma once
// A helper program (the fake LLM provider, the fault proxy) run as a child of one test: it binds
// its loopback ports itself and announces them in a first line on stdout. The child is killed
// when this object goes, and also when the test process dies.
#include <sys/types.h>

#include <string>
#include <vector>

namespace notecoder::testing {

class LoopbackHelper {
 public:
  // Runs `argv` (argv[0] an absolute path) and waits up to 10 s for its first line on stdout;
  // first_line() is empty or partial when none came in time.
  explicit LoopbackHelper(std::vector<std::string> argv);
  ~LoopbackHelper();
  LoopbackHelper(const LoopbackHelper&) = delete;
  LoopbackHelper& operator=(const LoopbackHelper&) = delete;

  const std::string& first_line() const { return first_line_; }

 private:
  pid_t pid_ = -1;
  std::string first_line_;
};

}  // namespace notecoder::testing
