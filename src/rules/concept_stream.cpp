#include "rules/concept_stream.hpp"

#include <algorithm>
#include <array>
#include <stdexcept>

#include "rules/lexicon.hpp"
#include "rules/term_index.hpp"
#include "rules/words.hpp"

namespace notecoder::rules {
namespace {

bool IsBoundaryPunct(std::string_view p) {
  if (p.size() != 1) return false;
  switch (p.front()) {
    case ',':
    case ';':
    case ':':
    case '(':
    case ')':
    case '[':
    case ']':
      return true;
    default:
      return false;
  }
}

std::string_view RomanToDigit(std::string_view k) {
  static constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kRoman{
      {{"i", "1"},
       {"ii", "2"},
       {"iii", "3"},
       {"iiia", "3a"},
       {"iiib", "3b"},
       {"iv", "4"},
       {"v", "5"},
       {"iia", "2a"},
       {"iib", "2b"},
       {"vi", "6"}}};
  for (const auto& [r, d] : kRoman) {
    if (r == k) return d;
  }
  return {};
}

bool TakesOrdinal(std::string_view prev) {
  return prev == "stage" || prev == "type" || prev == "class" || prev == "grade" || prev == "ckd";
}

bool IsNumberKey(std::string_view k) { return !k.empty() && k.front() >= '0' && k.front() <= '9'; }

bool IsUpperToken(std::string_view text) {
  bool any = false;
  for (char c : text) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') any = true;
  }
  return any;
}

struct RawToken {
  std::string_view key;
  std::uint32_t src_first;
  std::uint32_t src_last;
  std::uint32_t id;     // kPending until looked up
  std::uint32_t first;  // first expansion entry; kPending until looked up
  bool boundary_before;
  bool comma_before;
};
constexpr std::uint32_t kPending = 0xFFFFFFFEu;

bool IsUpperText(const nlp::Document& doc, std::uint32_t token) {
  const nlp::Span sp = doc.tokens[token].span;
  return IsUpperToken(doc.text.substr(sp.begin, sp.size()));
}

}  // namespace

ConceptStream::ConceptStream(TermIndex& index) : index_(index) {
  for (const auto& e : Expansions()) {
    entries_.push_back(Entry{TitleKeys(e.pattern), TitleKeys(e.replacement), {}, e.guards});
  }
  std::stable_sort(entries_.begin(), entries_.end(), [](const Entry& a, const Entry& b) {
    if (a.pattern.front() != b.pattern.front()) return a.pattern.front() < b.pattern.front();
    return a.pattern.size() > b.pattern.size();
  });
  if (entries_.size() >= kNoEntry) throw std::length_error("too many expansions");
  for (std::uint32_t i = 0; i < entries_.size(); ++i) {
    first_entry_.Insert(entries_[i].pattern.front(), i);
    for (const auto& r : entries_[i].replacement)
      entries_[i].replacement_ids.push_back(index_.IdOf(r));
  }
  known_.resize(index_.VocabularySize() + 1);
  // The spellings are collected first, back to back in one string: the vocabulary's table
  // cannot grow while it is visited.
  std::string spelling_bytes;
  std::vector<std::uint32_t> spelling_ends;
  std::deque<std::string> scratch;
  std::string plural;
  index_.ForEachWord([&](std::string_view w, std::uint32_t id) {
    known_[id] = SurfaceOf(w);
    // Regular plurals; other inflections are rare enough to take the slow way.
    const auto try_plural = [&](std::string_view stem, std::string_view ending) {
      plural.assign(stem);
      plural += ending;
      if (WordKeyView(plural, false, scratch) == w && index_.IdOf(plural) == kUnknownWord) {
        spelling_bytes += plural;
        spelling_ends.push_back(static_cast<std::uint32_t>(spelling_bytes.size()));
      }
      scratch.clear();
    };
    try_plural(w, "s");
    if (w.size() > 1 && w.back() == 'y') try_plural(w.substr(0, w.size() - 1), "ies");
    if (w.back() == 's' || w.back() == 'x' || w.ends_with("ch") || w.ends_with("sh"))
      try_plural(w, "es");
  });
  for (const Entry& e : entries_) {
    if (index_.IdOf(e.pattern.front()) != kUnknownWord) continue;
    spelling_bytes += e.pattern.front();
    spelling_ends.push_back(static_cast<std::uint32_t>(spelling_bytes.size()));
  }
  index.ReserveSpellings(spelling_ends.size());
  others_.reserve(spelling_ends.size());
  std::uint32_t begin = 0;
  for (const std::uint32_t end : spelling_ends) {
    const std::string_view w = std::string_view(spelling_bytes).substr(begin, end - begin);
    begin = end;
    const auto n = static_cast<std::uint32_t>(others_.size());
    if (index.AddSpelling(w, n) != (TermIndex::kSpelling | n)) continue;  // listed twice
    others_.push_back(SurfaceOf(w));
  }
}

ConceptStream::Surface ConceptStream::SurfaceOf(std::string_view word) {
  std::deque<std::string> built;
  const std::string_view key = WordKeyView(word, false, built);
  Surface s;
  s.literal_id = index_.IdOf(word);
  s.literal_first = FirstEntry(word);
  s.key_is_literal = key == word;
  if (s.key_is_literal) {
    s.id = s.literal_id;
    s.first = s.literal_first;
    return s;
  }
  s.key_offset = static_cast<std::uint32_t>(surface_keys_.size());
  s.key_length = static_cast<std::uint32_t>(key.size());
  surface_keys_ += key;
  s.id = index_.IdOf(key);
  s.first = FirstEntry(key);
  return s;
}

const ConceptStream::Surface* ConceptStream::FindSurface(const std::string& word) const {
  const std::uint32_t entry = index_.Entry(word);
  if (entry == nlp::WordTable::kMissing) return nullptr;
  if ((entry & TermIndex::kSpelling) != 0) return &others_[entry & ~TermIndex::kSpelling];
  return &known_[entry];
}

std::uint16_t ConceptStream::FirstEntry(std::string_view key) const {
  const std::uint32_t i = first_entry_.Find(key);
  return i == nlp::WordTable::kMissing ? kNoEntry : static_cast<std::uint16_t>(i);
}

void ConceptStream::Build(const nlp::Document& doc, std::vector<ConceptToken>& out,
                          std::vector<std::uint32_t>& sentence_begin, KeyStorage& storage) const {
  out.clear();
  sentence_begin.clear();
  // Sized once: growing a vector of strings token by token moves every string many times.
  out.reserve(doc.tokens.size() + doc.tokens.size() / 4);
  sentence_begin.reserve(doc.sentences.size() + 1);
  std::vector<RawToken> raw;
  raw.reserve(64);
  for (std::uint32_t s = 0; s < doc.sentences.size(); ++s) {
    sentence_begin.push_back(static_cast<std::uint32_t>(out.size()));
    raw.clear();
    bool boundary = true;
    bool comma_only = false;
    const bool in_exam = doc.SectionOf(s) == nlp::SectionKind::kPhysicalExam;
    const std::uint32_t tb = doc.sentence_token_begin[s];
    const std::uint32_t te = doc.sentence_token_end[s];
    for (std::uint32_t t = tb; t < te; ++t) {
      const nlp::Token& tok = doc.tokens[t];
      if (tok.kind == nlp::TokenKind::kPunct) {
        if (IsBoundaryPunct(tok.norm)) {
          comma_only = (tok.norm == ",") && (!boundary || comma_only);
          boundary = true;
        }
        continue;
      }
      // "3" directly followed by "b" (as in "3b") is one key.
      if (!raw.empty() && tok.norm.size() == 1 && (tok.norm == "a" || tok.norm == "b") &&
          doc.tokens[t - 1].kind == nlp::TokenKind::kNumber &&
          doc.tokens[t - 1].span.end == tok.span.begin && raw.back().src_last == t) {
        std::string& joined = storage.emplace_back(raw.back().key);
        joined += tok.norm;
        raw.back().key = joined;
        raw.back().src_last = t + 1;
        raw.back().id = kPending;
        raw.back().first = kPending;
        continue;
      }
      RawToken r{tok.norm, t, t + 1, kPending, kPending, boundary, boundary && comma_only};
      if (const Surface* found = FindSurface(tok.norm)) {
        const Surface& sf = *found;
        if (sf.key_is_literal || (tok.span.size() > 1 && IsUpperText(doc, t))) {
          r.id = sf.literal_id;
          r.first = sf.literal_first;
        } else {
          r.key = std::string_view(surface_keys_).substr(sf.key_offset, sf.key_length);
          r.id = sf.id;
          r.first = sf.first;
        }
      } else {
        const std::string_view key = WordKeyView(tok.norm, false, storage);
        if (key.data() == tok.norm.data() && key.size() == tok.norm.size()) {
          r.id = kUnknownWord;  // every word the index or an expansion knows has a surface
          r.first = kNoEntry;
        } else if (!(tok.span.size() > 1 && IsUpperText(doc, t))) {
          r.key = key;  // an inflection start-up did not try: look its key up
        } else {
          r.id = kUnknownWord;  // an acronym is read as written
          r.first = kNoEntry;
        }
      }
      if (!raw.empty() && TakesOrdinal(raw.back().key)) {
        if (auto d = RomanToDigit(r.key); !d.empty()) {
          r.key = d;
          r.id = kPending;
          r.first = kPending;
        }
      }
      raw.push_back(r);
      boundary = false;
      comma_only = false;
    }

    for (std::size_t i = 0; i < raw.size();) {
      const Entry* match = nullptr;
      if (raw[i].first == kPending) raw[i].first = FirstEntry(raw[i].key);
      if (raw[i].first != kNoEntry) {
        for (const Entry* e = &entries_[raw[i].first];
             e != entries_.data() + entries_.size() && e->pattern.front() == raw[i].key; ++e) {
          const std::size_t n = e->pattern.size();
          if (i + n > raw.size()) continue;
          bool ok = true;
          for (std::size_t j = 1; j < n && ok; ++j) ok = raw[i + j].key == e->pattern[j];
          if (!ok) continue;
          if ((e->guards & guard::kUpperOnly) && !IsUpperText(doc, raw[i].src_first)) continue;
          if (e->guards & guard::kNotInExam) {
            if (in_exam) continue;
            const std::uint32_t after = raw[i + n - 1].src_last;
            if (after < te && doc.tokens[after].norm == ":") continue;
          }
          if ((e->guards & guard::kNotAfterOn) &&
              ((i > 0 && (raw[i - 1].key == "on" || IsNumberKey(raw[i - 1].key))) ||
               (i + n < raw.size() && raw[i + n].key == "air"))) {
            continue;
          }
          match = e;
          break;
        }
      }
      if (match == nullptr) {
        const std::uint32_t id = raw[i].id == kPending ? index_.IdOf(raw[i].key) : raw[i].id;
        out.push_back(ConceptToken{raw[i].key, raw[i].src_first, raw[i].src_last, s,
                                   raw[i].boundary_before, raw[i].comma_before, false, false, id});
        ++i;
        continue;
      }
      const std::size_t n = match->pattern.size();
      const std::uint32_t first = raw[i].src_first;
      const std::uint32_t last = raw[i + n - 1].src_last;
      for (std::size_t j = 0; j < match->replacement.size(); ++j) {
        ConceptToken token{match->replacement[j],
                           first,
                           last,
                           s,
                           j == 0 && raw[i].boundary_before,
                           j == 0 && raw[i].comma_before,
                           true,
                           false,
                           match->replacement_ids[j]};
        token.qualifier = (match->guards & guard::kQualifier) != 0;
        out.push_back(std::move(token));
      }
      i += n;
    }
  }
  sentence_begin.push_back(static_cast<std::uint32_t>(out.size()));
}

}  // namespace notecoder::rules
