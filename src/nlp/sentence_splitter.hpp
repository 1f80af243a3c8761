#pragma once
// Splits the note into sections (by header lines) and sentences (by punctuation and layout).
#include "nlp/document.hpp"

namespace notecoder::nlp {

// Fills doc.sections and doc.sentences from doc.text (tokens are filled separately). Linear in
// the size of the text. Rules, in order, for each line:
//   - a blank line ends the current sentence;
//   - a header line starts a section; text after the header on the same line is its body;
//   - a list marker ("-", "*", "•", "1.", "2)", "a)") starts a list-item sentence;
//   - in list-like sections (medications, allergies, problem list, vitals, labs, immunizations)
//     every line is an item;
//   - a "Key: value" line ("BP: 142/88 HR: 88") is an item of its own;
//   - otherwise a line continues an unfinished sentence from the line above (wrapped prose)
//     when it starts in lower case, when the line above ends in a comma or a word that cannot
//     end a sentence ("seen by Dr. Smith on" / "March 10"), or when it is an indented line under
//     a list item; anything else starts a new sentence.
// Within a line, ". ! ?" end a sentence when followed by a space and not by a lower-case word,
// except after abbreviations (Dr., e.g., vs., b.i.d., mg. ...) and initials; decimals never
// split.
void SplitSectionsAndSentences(Document& doc);

}  // namespace notecoder::nlp
