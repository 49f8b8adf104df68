#pragma once
// Catch2 v2 (Debian bookworm) through one header, so a move to v3 is one edit.
#include <catch2/catch.hpp>
