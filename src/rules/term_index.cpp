#include "rules/term_index.hpp"

#include <algorithm>
#include <cctype>

#include "rules/lexicon.hpp"
#include "rules/words.hpp"

namespace notecoder::rules {
namespace {

using codes::TermId;

std::string JoinKeys(const std::vector<std::string>& keys) {
  std::string s;
  for (const auto& k : keys) {
    if (!s.empty()) s += ' ';
    s += k;
  }
  return s;
}

std::string OutsideParentheses(std::string_view text) {
  std::string out;
  int depth = 0;
  for (char c : text) {
    if (c == '(' || c == '[') {
      ++depth;
    } else if (c == ')' || c == ']') {
      if (depth > 0) --depth;
      out += ' ';
    } else if (depth == 0) {
      out += c;
    }
  }
  return out;
}

// Splits "Diabetes, diabetic" into its spellings; a later part is a spelling only when it shares
// the first part's stem ("Failure, failed"), not when it qualifies it ("Acroasphyxia, chronic").
std::vector<std::string_view> SpellingParts(std::string_view title);

// Splits "Diabetes, diabetic" into its comma-separated spellings.
std::vector<std::string_view> CommaParts(std::string_view title) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= title.size()) {
    const std::size_t comma = title.find(',', start);
    const std::size_t end = comma == std::string_view::npos ? title.size() : comma;
    std::string_view part = title.substr(start, end - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) parts.push_back(part);
    if (comma == std::string_view::npos) break;
    start = comma + 1;
  }
  return parts;
}

std::vector<std::string_view> SpellingParts(std::string_view title) {
  auto parts = CommaParts(title);
  if (parts.size() <= 1) return parts;
  const auto stem = [](std::string_view p) {
    return p.substr(0, std::min<std::size_t>(4, p.size()));
  };
  std::vector<std::string_view> kept{parts.front()};
  for (std::size_t i = 1; i < parts.size(); ++i) {
    std::string a(stem(parts.front()));
    std::string c(stem(parts[i]));
    for (auto& ch : a) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    for (auto& ch : c) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (a.size() == 4 && a == c) {
      kept.push_back(parts[i]);
    } else {
      // "Acroasphyxia, chronic" is one name, not two spellings: keep it whole.
      kept.assign(1, title);
      break;
    }
  }
  return kept;
}

bool IsGenericOnly(const std::vector<std::string>& content) {
  static constexpr std::string_view kGeneric[] = {
      "disease", "disorder",     "condition",     "type",    "cause",     "site", "organ",
      "part",    "complication", "manifestation", "symptom", "remission", "bone"};
  return std::all_of(content.begin(), content.end(), [](const std::string& k) {
    return std::find(std::begin(kGeneric), std::end(kGeneric), k) != std::end(kGeneric);
  });
}

// "specified disease NEC", "other disorder NEC": a catch-all whose words name nothing specific;
// chosen by words it would swallow any condition in the note.
bool IsGenericNec(const std::vector<std::string>& all_keys,
                  const std::vector<std::string>& content) {
  if (std::find(all_keys.begin(), all_keys.end(), "nec") == all_keys.end()) return false;
  return IsGenericOnly(content);
}

// "atrial or auricular" → {atrial}, {auricular}; nothing when the title has no "or".
std::vector<std::vector<std::string>> OrAlternatives(const std::vector<std::string>& all_keys) {
  std::vector<std::vector<std::string>> alts(1);
  bool split = false;
  for (const auto& k : all_keys) {
    if (k == "or") {
      alts.emplace_back();
      split = true;
    } else if (!IsFillerKey(k)) {
      alts.back().push_back(k);
    }
  }
  if (!split) return {};
  // Only "atrial or auricular": in "genital organ or tract" the "or" joins nouns under one
  // adjective, and "tract" alone would be wrong.
  for (const auto& a : alts) {
    if (a.size() != 1) return {};
  }
  return alts.size() > 1 ? alts : std::vector<std::vector<std::string>>{};
}

// The "with" presumption is applied across the note only under the main terms where coders
// rely on it (diabetes, hypertension, heart failure, chronic kidney and lung disease); elsewhere
// ("alcohol dependence with anxiety disorder") the link must be written where the condition is.
bool UnderPresumingTerm(const codes::Codebook& b, TermId t) {
  while (b.TermParent(t) != codes::kNone) t = b.TermParent(t);
  const auto keys = TitleKeys(b.TermTitle(t));
  if (keys.empty()) return false;
  static constexpr std::string_view kPresuming[] = {"diabete", "hypertension", "failure",
                                                    "disease"};
  return std::find(std::begin(kPresuming), std::end(kPresuming), keys.front()) !=
         std::end(kPresuming);
}

TermRole RoleOf(std::string_view title, const std::vector<std::string>& all_keys,
                const std::vector<std::string>& content) {
  if (title.find(" - ") != std::string_view::npos) return TermRole::kSkip;  // "- code to ..."
  if (!all_keys.empty() && all_keys.front() == "without") {
    return content.empty() ? TermRole::kSkip : TermRole::kWithout;
  }
  if (content.empty()) {
    const bool link = !all_keys.empty() && (all_keys.front() == "with" ||
                                            all_keys.front() == "in" || all_keys.front() == "due");
    return link ? TermRole::kLink : TermRole::kSkip;
  }
  if (!all_keys.empty() && (all_keys.front() == "with" || all_keys.front() == "due")) {
    return TermRole::kLinkedCondition;
  }
  return TermRole::kModifier;
}

struct AliasSpec {
  std::string_view main_term;   // first spelling of the main term, lower case
  std::string_view link_child;  // child title under the "with" link
  std::string_view alias;
};

// Presumed links the index words abstractly; our own additions.
constexpr AliasSpec kAliases[] = {
    {"hypertension", "kidney involvement", "chronic kidney disease"},
    {"hypertension", "kidney involvement", "end stage renal disease"},
    {"hypertension", "heart involvement", "heart failure"},
    // COPD (Disease > pulmonary > chronic obstructive > with) and pneumonia written as such.
    {"disease", "acute lower respiratory infection", "pneumonia"},
    {"disease", "lower respiratory infection", "pneumonia"},
    {"disease", "acute bronchitis", "bronchitis"},
};

}  // namespace

TermIndex::TermIndex(std::shared_ptr<const codes::Codebook> book) : book_(std::move(book)) {
  const auto& b = *book_;
  const std::uint32_t n = b.TermCount();
  // Sized once for the words and the note spellings added later (FY2026: 15 800 and 15 300):
  // growing by doubling left each old slot array behind in the resident set.
  vocabulary_.Reserve(kExpectedEntries);
  info_.resize(n);
  see_cache_ = std::make_unique<std::atomic<TermId>[]>(n);
  see_also_cache_ = std::make_unique<std::atomic<TermId>[]>(n);
  for (TermId t = 0; t < n; ++t) {
    see_cache_[t].store(kUnresolved, std::memory_order_relaxed);
    see_also_cache_[t].store(kUnresolved, std::memory_order_relaxed);
  }
  for (TermId t = 0; t < n; ++t) {
    const std::string_view title = b.TermTitle(t);
    auto all_keys = TitleKeys(title);
    // Words of a non-essential-modifier group outside its parentheses are essential:
    // "and (on) chronic (congestive)" is written "and" + nemod "(on) chronic (congestive)".
    for (auto& k : TitleKeys(OutsideParentheses(b.TermNemod(t)))) all_keys.push_back(std::move(k));
    std::vector<std::string> content;
    for (std::size_t i = 0; i < all_keys.size(); ++i) {
      // "transient ischemic attack without residual deficits": what follows an inner "without"
      // is the default a coder assumes when the note is silent, so it is not required.
      if (i > 0 && all_keys[i] == "without") break;
      if (!IsFillerKey(all_keys[i])) content.push_back(all_keys[i]);
    }
    info_[t].role = RoleOf(title, all_keys, content);
    if (IsGenericNec(all_keys, content) ||
        (info_[t].role == TermRole::kLinkedCondition && IsGenericOnly(content))) {
      info_[t].role = TermRole::kSkip;
    }
    info_[t].starts_with_with = !all_keys.empty() && all_keys.front() == "with";
    info_[t].link_anywhere = info_[t].starts_with_with && UnderPresumingTerm(b, t);
    auto alternatives = OrAlternatives(all_keys);
    if (alternatives.empty()) {
      // "myocardium, myocardial": comma-separated spellings of one word, either will do.
      const auto parts = SpellingParts(title);
      if (parts.size() > 1) {
        for (auto part : parts) {
          auto keys = TitleKeys(part);
          std::erase_if(keys, [](const std::string& k) { return IsFillerKey(k); });
          if (!keys.empty()) alternatives.push_back(std::move(keys));
        }
      }
    }
    for (const auto& alt : alternatives) info_[t].alternatives.push_back(Intern(alt));
    // "femur, femoral" folds to "femur femur": one written "femur" is enough.
    for (std::size_t i = 0; i < content.size(); ++i) {
      for (std::size_t j = i + 1; j < content.size();) {
        if (content[j] == content[i]) {
          content.erase(content.begin() + static_cast<std::ptrdiff_t>(j));
        } else {
          ++j;
        }
      }
    }
    info_[t].ids = Intern(content);
    info_[t].keys = std::move(content);
  }

  std::vector<std::string> stop;
  for (auto s : BareMainTermStoplist()) stop.push_back(JoinKeys(TitleKeys(s)));
  std::vector<std::string> never;
  for (auto s : NeverMainTerms()) never.push_back(JoinKeys(TitleKeys(s)));
  std::unordered_map<WordId, std::vector<HeadVariant>> by_first;
  for (TermId t : b.MainTerms()) {
    // "Chronic - see condition": a main term that only sends the reader back to the note's
    // condition can never yield a code; matching it would only cost time.
    const auto range = b.SubTermRange(t);
    const bool dead_end = !b.TermCode(t) && range.first == range.last &&
                          (b.TermSee(t).empty() || b.TermSee(t).starts_with("condition"));
    const auto parts = SpellingParts(b.TermTitle(t));
    for (std::size_t i = 0; i < parts.size(); ++i) {
      auto keys = TitleKeys(parts[i]);
      if (keys.empty()) continue;
      const std::string joined = JoinKeys(keys);
      if (i == 0) main_by_first_variant_[joined].push_back(t);
      // A one- or two-letter variant ("H", "X") is an initial or a unit in notes, not a term.
      const bool too_short = keys.size() == 1 && keys.front().size() <= 2;
      if (dead_end || too_short || std::find(never.begin(), never.end(), joined) != never.end())
        continue;
      const bool stopped = std::find(stop.begin(), stop.end(), joined) != stop.end();
      auto ids = Intern(keys);
      by_first[ids.front()].push_back(HeadVariant{std::move(keys), std::move(ids), t, !stopped});
    }
  }
  for (const auto& alias : HeadAliases()) {
    const auto keys = TitleKeys(alias.noun);
    for (TermId t : b.MainTerms()) {
      if (b.TermTitle(t) != alias.main_term || keys.empty()) continue;
      auto ids = Intern(keys);
      by_first[ids.front()].push_back(HeadVariant{keys, std::move(ids), t, /*bare_codable=*/false});
      // "see Fracture, femur, neck" names the main term by its noun too.
      main_by_first_variant_[JoinKeys(keys)].push_back(t);
    }
  }
  head_start_.assign(words_ + 2, 0);
  for (auto& [first, variants] : by_first) {
    std::stable_sort(
        variants.begin(), variants.end(),
        [](const HeadVariant& a, const HeadVariant& c) { return a.keys.size() > c.keys.size(); });
    head_start_[first + 1] = static_cast<std::uint32_t>(variants.size());
  }
  for (std::size_t w = 1; w < head_start_.size(); ++w) head_start_[w] += head_start_[w - 1];
  heads_.resize(head_start_.back());
  for (auto& [first, variants] : by_first) {
    std::move(variants.begin(), variants.end(), heads_.begin() + head_start_[first]);
  }

  // Words the engine tests by id besides title words: prevention and vaccine words, negators.
  for (auto w : PreventionWords()) Intern(TitleKeys(w));
  for (auto w : {"vaccine", "vaccination", "vaccinated", "immunization", "booster", "tdap", "dtap",
                 "mmr", "without", "no", "not"}) {
    Intern(TitleKeys(w));
  }

  // Code titles, interned once: choosing a child code compares ids, not strings.
  code_title_ids_.resize(b.CodeCount());
  for (codes::CodeId c = 0; c < b.CodeCount(); ++c)
    code_title_ids_[c] = Intern(TitleKeys(b.Title(c)));
  with_id_ = Intern({"with"}).front();
  without_id_ = Intern({"without"}).front();
  no_id_ = Intern({"no"}).front();
  not_id_ = Intern({"not"}).front();
  filler_.assign(words_ + 1, false);
  ForEachWord([&](std::string_view word, WordId id) { filler_[id] = IsFillerKey(word); });

  // Terms with many subterms get a word → subterm lookup so a walk does not test them all.
  constexpr TermId kManyChildren = 24;
  for (TermId t = 0; t < n; ++t) {
    const auto range = b.SubTermRange(t);
    if (range.last - range.first < kManyChildren) continue;
    const auto k = static_cast<std::uint32_t>(child_lookup_.size());
    info_[t].child_lookup = k;
    ChildLookup& lookup = child_lookup_.emplace_back();
    std::unordered_map<WordId, std::vector<TermId>> by_word;
    for (TermId c = range.first; c < range.last; ++c) {
      const TermInfo& info = info_[c];
      if (info.role == TermRole::kSkip) continue;
      if (info.role != TermRole::kModifier || info.ids.empty()) {
        lookup.always.push_back(c);
        continue;
      }
      // A modifier needs all its words, so its first word alone selects it; alternatives each.
      by_word[info.ids.front()].push_back(c);
      for (const auto& alt : info.alternatives) {
        if (!alt.empty()) by_word[alt.front()].push_back(c);
      }
    }
    for (const auto& [word, terms] : by_word) {
      child_words_.Insert(std::uint64_t{k} << 32 | word,
                          static_cast<std::uint32_t>(child_word_terms_.size()));
      child_word_terms_.push_back(static_cast<TermId>(terms.size()));
      child_word_terms_.insert(child_word_terms_.end(), terms.begin(), terms.end());
    }
  }

  // Aliases apply to the named condition under any link of the main term, however deep.
  for (const auto& spec : kAliases) {
    const auto mains = main_by_first_variant_.find(std::string(spec.main_term));
    if (mains == main_by_first_variant_.end()) continue;
    const auto want = JoinKeys(TitleKeys(spec.link_child));
    const auto alias = TitleKeys(spec.alias);
    for (TermId link = 0; link < n; ++link) {
      if (info_[link].role != TermRole::kLink) continue;
      TermId root = link;
      while (b.TermParent(root) != codes::kNone) root = b.TermParent(root);
      if (std::find(mains->second.begin(), mains->second.end(), root) == mains->second.end())
        continue;
      const auto range = b.SubTermRange(link);
      for (TermId child = range.first; child < range.last; ++child) {
        if (JoinKeys(TitleKeys(b.TermTitle(child))) == want)
          aliases_[child].push_back(Intern(alias));
      }
    }
  }

  brief_.resize(n);
  for (TermId t = 0; t < n; ++t) {
    const TermInfo& info = info_[t];
    TermBrief& brief = brief_[t];
    brief.role = info.role;
    brief.first_word = info.ids.empty() ? kUnknownWord : info.ids.front();
    for (const WordId w : info.ids) brief.word_bits |= std::uint64_t{1} << (w % 64);
    brief.has_alternatives = !info.alternatives.empty();
    brief.has_aliases = aliases_.count(t) != 0;
    brief.see_only = !b.TermCode(t) && !b.TermSee(t).empty();
  }
}

std::vector<WordId> TermIndex::Intern(const std::vector<std::string>& keys) {
  std::vector<WordId> ids;
  ids.reserve(keys.size());
  for (const auto& k : keys) {
    const auto next = static_cast<WordId>(words_ + 1);
    const WordId id = vocabulary_.Insert(k, next);
    if (id == next) ++words_;
    ids.push_back(id);
  }
  return ids;
}

std::span<const HeadVariant> TermIndex::HeadsStartingWith(WordId first) const {
  if (first + 1 >= head_start_.size()) return {};  // interned after the heads: starts none
  return std::span(heads_).subspan(head_start_[first], head_start_[first + 1] - head_start_[first]);
}

std::span<const std::vector<WordId>> TermIndex::LinkAliases(TermId t) const {
  const auto it = aliases_.find(t);
  if (it == aliases_.end()) return {};
  return it->second;
}

TermId TermIndex::Cached(std::atomic<TermId>* cache, TermId t, bool also) const {
  TermId target = cache[t].load(std::memory_order_relaxed);
  if (target == kUnresolved) {
    const std::string_view see = also ? book_->TermSeeAlso(t) : book_->TermSee(t);
    target = see.empty() ? codes::kNone : ResolveSee(see);
    cache[t].store(target, std::memory_order_relaxed);
  }
  return target;
}

TermId TermIndex::ResolveSee(std::string_view see) const {
  // "Failure, heart, systolic": first part names a main term, the rest walk down by title.
  const auto parts = CommaParts(see);
  if (parts.empty()) return codes::kNone;
  const auto mains = main_by_first_variant_.find(JoinKeys(TitleKeys(parts[0])));
  if (mains == main_by_first_variant_.end() || mains->second.empty()) return codes::kNone;
  TermId node = mains->second.front();
  for (std::size_t i = 1; i < parts.size(); ++i) {
    auto want = TitleKeys(parts[i]);
    std::erase_if(want, [](const std::string& k) { return IsFillerKey(k); });
    if (want.empty()) continue;
    TermId next = codes::kNone;
    for (TermId child : book_->SubTerms(node)) {
      if (info_[child].keys == want) {
        next = child;
        break;
      }
    }
    if (next == codes::kNone) {
      // The part may skip a link level ("Hypertension, heart, with heart failure").
      for (TermId child : book_->SubTerms(node)) {
        if (info_[child].role != TermRole::kLink) continue;
        for (TermId grand : book_->SubTerms(child)) {
          if (info_[grand].keys == want) {
            next = grand;
            break;
          }
        }
        if (next != codes::kNone) break;
      }
    }
    if (next == codes::kNone) break;  // "by type", "by site": stop at the deepest named term
    node = next;
  }
  return node;
}

}  // namespace notecoder::rules
