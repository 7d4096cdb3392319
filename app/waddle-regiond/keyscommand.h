#pragma once

#include <QStringList>

// `waddle-regiond keys create|list|revoke --data-dir DIR` (issue 12): key
// management on the store itself, for the first set-up of a team before any
// admin key is at hand. `arguments` starts with the program name, then
// "keys". Returns the exit status: 0 done, 1 the store failed or no such
// key, 2 bad command line.
int runKeysCommand(const QStringList &arguments);
