#pragma once
// The OpenAI chat-completions wire format: request body out, response or stream chunk in.
// Decoding never throws and never copies provider text into an error message.
#include <optional>
#include <string>
#include <string_view>

#include "llm/chat_types.hpp"

namespace notecoder::llm {

// `stream_usage` asks a streaming provider for a final usage chunk (stream_options.include_usage).
std::string EncodeChatRequest(const ChatRequest& request, std::string_view model,
                              bool stream_usage);

// A non-streamed body; nullopt when it is not a chat completion with text content.
std::optional<ChatResponse> DecodeChatResponse(std::string_view body);

struct ChunkData {
  std::string delta;          // content delta, may be empty
  std::string finish_reason;  // set on the last content chunk
  Usage usage;                // set on the usage chunk, when the provider sends one
  bool error = false;         // the provider put an error object in the stream
};

// One SSE `data:` payload of a streamed answer (not "[DONE]"); nullopt when it is not JSON or
// not a chunk.
std::optional<ChunkData> DecodeChunk(std::string_view data);

}  // namespace notecoder::llm
