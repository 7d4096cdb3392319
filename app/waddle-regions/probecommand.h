#pragma once

#include <QStringList>
#include <qcorotask.h>

// `waddle-regions probe`: the latency prober, headless (issue 4, SPEC §13
// command-line mode). Without --server it starts the embedded demo backend.
// Returns the process exit status: 0 done, 1 server unreachable or no
// region answered, 2 bad command line.
QCoro::Task<int> runProbeCommand(QStringList arguments);
