#include "infra/core_dumps.hpp"

#include <sys/prctl.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace notecoder::infra {
namespace {

#if defined(__SANITIZE_ADDRESS__)
constexpr bool kKeepDumpable = true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(leak_sanitizer)
constexpr bool kKeepDumpable = true;
#else
constexpr bool kKeepDumpable = false;
#endif
#else
constexpr bool kKeepDumpable = false;
#endif

Error Failed(const char* what) {
  return MakeError(ErrorCode::kInternal, std::string(what) + ": " + std::strerror(errno));
}

}  // namespace

Status DisableCoreDumps() {
  const rlimit none{0, 0};
  if (::setrlimit(RLIMIT_CORE, &none) != 0) return Failed("setrlimit(RLIMIT_CORE, 0)");
  if (!kKeepDumpable && ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
    return Failed("prctl(PR_SET_DUMPABLE, 0)");
  }
  return {};
}

CoreDumpState ReadCoreDumpState() {
  CoreDumpState state;
  rlimit lim{};
  if (::getrlimit(RLIMIT_CORE, &lim) == 0) {
    state.core_limit = lim.rlim_cur == RLIM_INFINITY ? ~0ull : lim.rlim_cur;
  }
  state.dumpable = ::prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 1;
  return state;
}

}  // namespace notecoder::infra
