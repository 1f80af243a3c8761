#pragma once
// The service's life: settings -> logging -> CPU pool -> routes -> listen -> warmup -> serve ->
// drain on SIGTERM/SIGINT -> exit 0.
#include "infra/settings.hpp"

namespace notecoder::app {

// Returns the process exit status.
int RunService(const infra::Settings& settings);

}  // namespace notecoder::app
