#include "infra/cpu_pool.hpp"

#include <pthread.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cstdlib>
#include <latch>
#include <memory>

namespace notecoder::infra {

void PinMathLibrariesToOneThread() {
  for (const char* name : {"OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"}) {
    ::setenv(name, "1", 1);
  }
}

void CpuPool::SetUpWorkers(int workers, int nice) {
  // One task per worker, each holding its thread until all have started: so every thread runs
  // exactly one of them. Runs once, before any work is queued.
  // Shared, not on this stack: the last worker may still be inside count_down when wait returns.
  auto started = std::make_shared<std::latch>(workers);
  auto done = std::make_shared<std::latch>(workers);
  for (int i = 0; i < workers; ++i) {
    boost::asio::post(pool_, [started, done, nice] {
      ::pthread_setname_np(::pthread_self(), "cpu-worker");
      if (nice > 0) ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), nice);
      started->arrive_and_wait();
      done->count_down();
    });
  }
  done->wait();
}

}  // namespace notecoder::infra
