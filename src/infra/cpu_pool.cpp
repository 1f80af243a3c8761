#include "infra/cpu_pool.hpp"

#include <cstdlib>

namespace notecoder::infra {

void PinMathLibrariesToOneThread() {
  for (const char* name : {"OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"}) {
    ::setenv(name, "1", 1);
  }
}

}  // namespace notecoder::infra
