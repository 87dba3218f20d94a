/* libFuzzer's entry point, forwarding to the Rust target (target.rs): libFuzzer's main and its
   runtime come from clang's -fsanitize=fuzzer, which links C, so the entry point is C. */
#include <stddef.h>
#include <stdint.h>

int lyger_fuzz_one(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    return lyger_fuzz_one(data, size);
}
