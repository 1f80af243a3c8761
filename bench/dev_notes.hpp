#pragma once
// The bundled development notes (tests/rules/dev_notes), read once: the realistic corpus every
// in-process benchmark codes. NOTECODER_SOURCE_DIR is set by bench/CMakeLists.txt.
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

inline const std::vector<std::string>& DevNotes() {
  static const std::vector<std::string> notes = [] {
    std::vector<std::string> v;
    const std::filesystem::path dir =
        std::filesystem::path(NOTECODER_SOURCE_DIR) / "tests/rules/dev_notes";
    for (const auto& e : std::filesystem::directory_iterator(dir)) {
      if (e.path().extension() != ".txt") continue;
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      v.push_back(ss.str());
    }
    return v;
  }();
  return notes;
}
