#include "http/server_process.hpp"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <thread>
#include <vector>

#include "http/http_client.hpp"
#include "support/test_paths.hpp"

namespace notecoder::testing {
namespace {

int PortFromLog(const std::string& log) {
  const auto at = log.find("\"event\":\"listening\"");
  if (at == std::string::npos) return 0;
  const auto p = log.find("\"port\":", at);
  if (p == std::string::npos) return 0;
  return std::atoi(log.c_str() + p + 7);
}

// A sanitizer build of the server reports into its log, which no test reads: a test whose server
// reported a memory error, a leak, undefined behaviour or a data race fails here, whatever it
// asserted (make check-sanitize, make check-tsan).
void ExpectNoSanitizerReport(const std::string& log) {
  for (const char* marker : {"ERROR: AddressSanitizer", "ERROR: LeakSanitizer",
                             "WARNING: ThreadSanitizer", ": runtime error: "}) {
    const auto at = log.find(marker);
    if (at == std::string::npos) continue;
    ADD_FAILURE() << "the server's sanitizer reported:\n" << log.substr(at, 16000);
    return;
  }
}

}  // namespace

ServerProcess::ServerProcess(std::map<std::string, std::string> env) {
  static int counter = 0;
  log_path_ =
      std::filesystem::temp_directory_path() /
      ("notecoder_serve_" + std::to_string(::getpid()) + "_" + std::to_string(counter++) + ".log");
  std::map<std::string, std::string> vars = {{"HOST", "127.0.0.1"},
                                             {"PORT", "0"},
                                             {"NOTECODER_CODEBOOK", CodebookPath().string()},
                                             {"LOG_LEVEL", "debug"},
                                             {"SHUTDOWN_GRACE_S", "5"}};
  for (auto& [k, v] : env) vars[k] = v;
  std::vector<std::string> strings;
  for (char** e = environ; *e != nullptr; ++e) {
    const std::string kv(*e);
    if (vars.count(kv.substr(0, kv.find('='))) == 0) strings.push_back(kv);
  }
  for (auto& [k, v] : vars) strings.push_back(k + "=" + v);
  std::vector<char*> envp;
  for (auto& s : strings) envp.push_back(s.data());
  envp.push_back(nullptr);

  pid_ = ::fork();
  if (pid_ == 0) {
    const int fd = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ::dup2(fd, 1);
    ::dup2(fd, 2);
    char* argv[] = {const_cast<char*>(NOTECODER_BINARY), const_cast<char*>("serve"), nullptr};
    ::execve(NOTECODER_BINARY, argv, envp.data());
    ::_exit(127);
  }
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    port_ = PortFromLog(Log());
    if (port_ > 0) break;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  ExpectNoSanitizerReport(Log());
  std::error_code ec;
  std::filesystem::remove(log_path_, ec);
}

bool ServerProcess::WaitReady(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (port_ > 0 && Get(port_, "/ready").status == 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return false;
}

void ServerProcess::Signal(int sig) {
  if (pid_ > 0) ::kill(pid_, sig);
}

int ServerProcess::WaitExit(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return exit_status_;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (pid_ > 0 && std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return -1;
}

std::string ServerProcess::Log() const {
  std::ifstream in(log_path_, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace notecoder::testing
