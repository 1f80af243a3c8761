#include "codes/hash.hpp"

#include <gtest/gtest.h>

#include <string>

namespace notecoder::codes {
namespace {

// Snapshots and model files store tables keyed by this hash: its values must never change.
TEST(Hash64, KnownValues) {
  struct Case {
    std::size_t size;
    std::uint64_t seed0;
    std::uint64_t seed_notecode;
  };
  const Case cases[] = {
      {0, 0x4fb079e56bc33ec1ull, 0xdf052a2519af94bcull},
      {1, 0x1ba3ce0f87cc4a4cull, 0xa4f2b9411bb0007eull},
      {2, 0x191d3061ddfd1cb1ull, 0xa25a6a32c1f960dcull},
      {3, 0x0963dc76f1f12178ull, 0x8a7039e5b622581eull},
      {4, 0xc469c75fe134adecull, 0xd62dc028cccc86efull},
      {5, 0xe62591d1f0fda183ull, 0x761aed01a91f34eaull},
      {6, 0x12f1ec41d2c1c3c9ull, 0xc146aee9e2447e2dull},
      {7, 0x4a2cc26ec2dec1b3ull, 0x9823fab208f885bfull},
      {8, 0x7a9dd058c4515b7bull, 0xfb0a9194a37402d2ull},
      {9, 0xe15cb8d503a5632eull, 0x4723e84dbada50d7ull},
      {15, 0x87302aec33310d5bull, 0x8e6827c0f730b565ull},
      {16, 0xbddfe59152902bdcull, 0x39d92b53cb3fbbb8ull},
      {17, 0xfe80952c4d50ee0eull, 0x7a88c939528ad17aull},
      {31, 0xe6661722de3e8c19ull, 0x6e7b3f03c46c3e31ull},
      {32, 0x41c002ce1d15e819ull, 0x657f2c411b6877deull},
      {33, 0x716db262976b7a8dull, 0x64c72d6bc3a8d96bull},
      {39, 0x5d465ebeddcf1f06ull, 0x49d702964424cd5bull},
      {40, 0x7b9eceb618a6a0f5ull, 0xd87a1d0587f4c0deull},
      {63, 0x5f4d07b5dba7bf55ull, 0xae9fee27c6504b71ull},
      {64, 0x9e0ddb3186cdf97cull, 0xf01f30f69a6f72e8ull},
      {71, 0xbb6ede33337b463bull, 0x708f15790de2956aull},
  };
  std::string text;
  for (int i = 0; i < 80; ++i) text.push_back(static_cast<char>('a' + (i * 7) % 26));
  for (const Case& c : cases) {
    const std::string_view input = std::string_view(text).substr(0, c.size);
    EXPECT_EQ(Hash64(input, 0), c.seed0) << c.size;
    EXPECT_EQ(Hash64(input, 0x6E6F7465636F6465ull), c.seed_notecode) << c.size;
  }
}

// Only the input's bytes count, wherever it sits: the tail is read with loads that may overlap
// bytes already hashed but never the bytes around the input.
TEST(Hash64, IgnoresTheBytesAroundTheInput) {
  for (std::size_t size = 0; size <= 72; ++size) {
    std::string alone;
    for (std::size_t k = 0; k < size; ++k) alone.push_back(static_cast<char>(k * 37 + 11));
    const std::uint64_t want = Hash64(alone, 5);
    for (std::size_t offset = 0; offset < 9; ++offset) {
      for (char fill : {'\0', '\xFF'}) {
        std::string framed(offset, fill);
        framed += alone;
        framed.append(9, fill);
        EXPECT_EQ(Hash64(std::string_view(framed).substr(offset, size), 5), want)
            << "size " << size << " offset " << offset;
      }
    }
  }
}

}  // namespace
}  // namespace notecoder::codes
