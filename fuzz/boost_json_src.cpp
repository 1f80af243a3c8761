// Boost.JSON compiled into the fuzz targets that decode JSON (instead of linking Debian's
// libboost_json), so its parser carries libFuzzer's coverage instrumentation too.
#include <boost/json/src.hpp>
