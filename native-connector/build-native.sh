#!/usr/bin/env bash
# Placeholder: replaced by the real cargo build (see ABI.md).
echo "build-native.sh: placeholder, no native library built"
