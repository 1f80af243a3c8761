#pragma once
// One canonical key per word, used on both sides of every match (note tokens, index titles,
// lexicon entries), so that "ulcers" meets "ulcer" and "Charcot's" meets "charcot".
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace notecoder::rules {

// Lower-case ASCII word → key: drops a possessive "'s", strips simple plurals. Not a linguistic
// stemmer; only consistency matters because both sides go through it.
std::string WordKey(std::string_view lower_word, bool acronym = false);

// The same key without a copy when it can be had: the word itself, a prefix of it or a constant
// ("femoral" → "femur"). Only a key that is none of those ("arteries" → "artery") is built, in
// `storage`, whose strings must outlive the view (a deque never moves them).
std::string_view WordKeyView(std::string_view lower_word, bool acronym,
                             std::deque<std::string>& storage);

// Splits a title or phrase (UTF-8, any case, punctuation, parentheses) into word keys; Latin
// letters with diacritics are folded to ASCII. Number+letter runs stay together ("3b"). Words in
// capitals ("PRES", "AIDS") are acronyms and keep their final "s".
std::vector<std::string> TitleKeys(std::string_view text);

// Connective and filler words that never carry meaning in an index title ("with", "of", "NEC").
bool IsFillerKey(std::string_view key);

}  // namespace notecoder::rules
