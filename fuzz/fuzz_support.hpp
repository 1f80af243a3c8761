#pragma once
// What several fuzz targets share: the codebook built from the hand-written fixtures of
// tests/codes (22 codes, 13 index terms; built once per process into a temporary directory), and
// a check that aborts, so both libFuzzer and the GoogleTest replay report a broken invariant.
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "codes/codebook.hpp"

#define FUZZ_CHECK(cond)                                                                 \
  do {                                                                                   \
    if (!(cond)) {                                                                       \
      std::fprintf(stderr, "%s:%d: FUZZ_CHECK(%s) failed\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                      \
    }                                                                                    \
  } while (false)

namespace notecoder::fuzz {

// Aborts when the fixtures cannot be built: a target without its codebook tests nothing.
const std::shared_ptr<const codes::Codebook>& MiniCodebook();

}  // namespace notecoder::fuzz
