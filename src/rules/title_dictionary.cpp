#include "rules/title_dictionary.hpp"

#include <algorithm>

#include "rules/words.hpp"

namespace notecoder::rules {
namespace {

constexpr std::uint64_t kSeed = 0x243F6A8885A308D3ull;

std::uint64_t Mix(std::uint64_t h, WordId w) {
  h ^= static_cast<std::uint64_t>(w) + 0x9E3779B97F4A7C15ull + (h << 6) + (h >> 2);
  return h * 0xFF51AFD7ED558CCDull;
}

// Fillers are skipped on both sides, but "with" and "without" decide between codes
// ("... with heart failure" / "... without heart failure") and must match too.
bool Kept(const TermIndex& index, WordId w) {
  return !index.IsFiller(w) || w == index.WithId() || w == index.WithoutId();
}

std::string WithoutParentheses(std::string_view text) {
  std::string out;
  int depth = 0;
  for (const char c : text) {
    if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      if (depth > 0) --depth;
    } else if (depth == 0) {
      out += c;
    }
  }
  return out;
}

}  // namespace

TitleDictionary::TitleDictionary(const TermIndex& index) : index_(index) {
  const auto& book = index.book();
  std::vector<WordId> words;
  for (codes::CodeId c = 0; c < book.CodeCount(); ++c) {
    words.clear();
    // "Other rheumatoid arthritis with rheumatoid factor ..." is the catch-all beside specific
    // codes; its words minus "other" would wrongly claim the specific wording.
    const auto title = book.Title(c);
    // Unspecified codes are what the index gives when a note says no more; their titles would
    // only outbid a fuller reading ("acute cystitis without hematuria").
    if (!title.starts_with("Other") && title.find("nspecified") == std::string_view::npos) {
      for (const WordId w : index.CodeTitleIds(c)) {
        if (Kept(index, w)) words.push_back(w);
      }
      Add(words, c);
      // Parenthesised words are optional, as in the index: "Long term (current) use of
      // insulin" is written "long-term use of insulin".
      if (title.find('(') != std::string_view::npos)
        AddWords(TitleKeys(WithoutParentheses(title)), c);
    }
    for (const auto note : book.Notes(c, codes::NoteKind::kInclusionTerm))
      AddWords(TitleKeys(note), c);
  }
  WordId last = 0;
  index.ForEachWord([&](std::string_view, WordId w) { last = std::max(last, w); });
  if (word_flags_.size() <= last) word_flags_.resize(last + 1, 0);
  for (WordId w = 0; w < word_flags_.size(); ++w) {
    if (w != kUnknownWord && Kept(index, w)) word_flags_[w] |= kKept;
  }
}

void TitleDictionary::AddWords(const std::vector<std::string>& keys, codes::CodeId code) {
  std::vector<WordId> words;
  for (const auto& k : keys) {
    const WordId w = index_.IdOf(k);
    if (w == kUnknownWord) return;  // a word no title knows can never be matched in a note
    if (Kept(index_, w)) words.push_back(w);
  }
  Add(words, code);
}

void TitleDictionary::Add(const std::vector<WordId>& words, codes::CodeId code) {
  if (words.size() < kMinWords || words.size() > kMaxWords) return;
  std::uint64_t h = kSeed;
  for (std::size_t n = 1; n <= words.size(); ++n) {
    h = Mix(h, words[n - 1]);
    const std::uint64_t key = Mix(h, static_cast<WordId>(n));
    if (n == words.size()) {
      phrases_.Insert(key, code);  // the first code (tabular order: the category) keeps it
    } else if (n == 2) {
      pair_starts_.Add(key);
    } else if (n > 2) {
      longer_starts_.Add(key);
    }
  }
  if (word_flags_.size() <= words.front()) word_flags_.resize(words.front() + 1, 0);
  word_flags_[words.front()] |= kStarts;
}

void TitleDictionary::Match(const std::vector<ConceptToken>& tokens, std::uint32_t begin,
                            std::uint32_t end, std::vector<TitleMatch>& out) const {
  // Content positions of the span: fillers ("of", "with") are skipped on both sides.
  thread_local std::vector<std::uint32_t> content;
  // Every position is written and only the kept ones are counted: the vector only grows, so
  // it is not cleared (nor zero-filled) for each span.
  if (end > begin && content.size() < end - begin) content.resize(end - begin);
  std::size_t kept = 0;
  for (std::uint32_t p = begin; p < end; ++p) {
    content[kept] = p;
    kept += Flags(tokens[p].id) & kKept;
  }
  for (std::size_t i = 0; i < kept;) {
    const WordId first = tokens[content[i]].id;
    TitleMatch best;
    if (Flags(first) & kStarts) {
      std::uint64_t h = kSeed;
      for (std::size_t n = 1; n <= kMaxWords && i + n <= kept; ++n) {
        h = Mix(h, tokens[content[i + n - 1]].id);
        const std::uint64_t key = Mix(h, static_cast<WordId>(n));
        if (n >= kMinWords) {
          const std::uint32_t code = phrases_.Find(key);
          if (code != HashTable::kMissing) {
            best =
                TitleMatch{content[i], content[i + n - 1] + 1, static_cast<std::uint32_t>(n), code};
          }
        }
        // No phrase goes on from these words (or, rarely, a filter's false "may": one probe).
        if (n == 2 && !pair_starts_.MayContain(key)) break;
        if (n > 2 && !longer_starts_.MayContain(key)) break;
      }
    }
    if (best.code != codes::kNone) {
      out.push_back(best);
      i += best.words;
    } else {
      ++i;
    }
  }
}

}  // namespace notecoder::rules
