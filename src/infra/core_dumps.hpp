#pragma once
// Core dumps hold whatever was in memory: notes, keys, cached results. They are switched off at
// process start (core size limit 0, not dumpable) unless ALLOW_CORE_DUMPS asks to keep them.
#include "infra/result.hpp"

namespace notecoder::infra {

struct CoreDumpState {
  unsigned long long core_limit = 0;  // soft RLIMIT_CORE in force (bytes; ~0ull: unlimited)
  bool dumpable = true;               // prctl(PR_GET_DUMPABLE)
};

// Soft and hard RLIMIT_CORE to 0 and PR_SET_DUMPABLE 0 (which also keeps other processes of the
// same user from attaching a debugger or reading /proc/<pid>/mem). In a sanitizer build the
// dumpable flag stays set: LeakSanitizer attaches to the process with ptrace at exit.
Status DisableCoreDumps();

CoreDumpState ReadCoreDumpState();

}  // namespace notecoder::infra
