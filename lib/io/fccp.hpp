#pragma once
// The Debian csv.h fails to compile with CSV_IO_NO_THREAD unless <limits> comes first;
// include it only through this header.
#include <libfccp/csv.h>
#include <limits>
