#pragma once
// Black-box runs of a command line, as a user would type it.
#include <string>

namespace notecoder::testing {

struct ShellResult {
  int status = -1;  // the exit status; -1 when it did not exit normally or could not start
  std::string out;  // its stdout (redirect 2>&1 in the command to get stderr too)
};

// Runs `command` with /bin/sh and waits for it.
ShellResult RunShell(const std::string& command);

}  // namespace notecoder::testing
