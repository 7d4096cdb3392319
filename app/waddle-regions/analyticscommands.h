#pragma once

#include <QCoroTask>
#include <QStringList>

// `waddle-regions export …` and `waddle-regions forecast …` (issue 14,
// "Command line"): an analytics export job run to completion and saved to a
// file, or a forecast printed; against --server or the embedded demo, like
// `probe`. Exit codes as probe's: 0 done, 1 server unreachable or the job
// failed, 2 a bad command line (the server's 400s included). A progress
// line on stderr when it is a terminal. `arguments` without the command
// word (as probe's).
QCoro::Task<int> runExportCommand(QStringList arguments);
QCoro::Task<int> runForecastCommand(QStringList arguments);
