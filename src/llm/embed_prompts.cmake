# Compiles prompts/<version>/*.md into a C++ source: the binary carries its prompts, so a
# deployment cannot pair a binary with the wrong prompt files. Run at build time:
#   cmake -DPROMPT_DIR=... -DPROMPT_VERSION=v1 -DOUT=... -P embed_prompts.cmake
set(agents parse summarize structure basics)
set(all "")
set(body "")
foreach(agent IN LISTS agents)
  file(READ "${PROMPT_DIR}/${agent}.md" text)
  string(FIND "${text}" ")NCPROMPT\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${agent}.md contains the raw-string delimiter")
  endif()
  string(APPEND all "${agent}\n${text}\n")
  string(APPEND body "    R\"NCPROMPT(${text})NCPROMPT\",\n")
endforeach()
string(SHA256 digest "${all}")
string(SUBSTRING "${digest}" 0 12 digest)
file(WRITE "${OUT}.tmp" "// Generated from prompts/${PROMPT_VERSION}/*.md by embed_prompts.cmake; do not edit.
#include \"llm/prompts.hpp\"

namespace notecoder::llm {

const EmbeddedPrompts kEmbeddedPrompts = {
    \"${PROMPT_VERSION}\",
    \"${digest}\",
    {
${body}    },
};

}  // namespace notecoder::llm
")
file(COPY_FILE "${OUT}.tmp" "${OUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUT}.tmp")
